import { describe, expect, it } from 'vitest';
import { appendLog } from './log-tail';

describe('appendLog', () => {
  it('appends', () => {
    expect(appendLog('a\n', 'b\n')).toBe('a\nb\n');
  });
  it('drops the oldest whole lines past the limit', () => {
    expect(appendLog('first line\nsecond\n', 'third\n', 14)).toBe('second\nthird\n');
    expect(appendLog('first line\nsecond\n', 'third\n', 10)).toBe('third\n');
    expect(appendLog('0123456789', 'abcdef', 8)).toBe('89abcdef');
  });
});
