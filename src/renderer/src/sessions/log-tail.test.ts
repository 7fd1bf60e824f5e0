import { describe, expect, it } from 'vitest';
import { appendLog, emptyLogText } from './log-tail';

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

describe('emptyLogText', () => {
  it('says a running game printed nothing yet, and an ended one printed nothing', () => {
    expect(emptyLogText(false)).toBe('No output yet.');
    expect(emptyLogText(true)).toBe('The game printed nothing.');
  });
});
