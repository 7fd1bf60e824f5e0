import { describe, expect, it } from 'vitest';
import { sessionKindLabel } from './session-kind';

describe('what a session ran, in words', () => {
  it('says nothing for Play, and names installers and tools', () => {
    expect(sessionKindLabel({})).toBeUndefined();
    expect(sessionKindLabel({ kind: 'play' })).toBeUndefined();
    expect(sessionKindLabel({ kind: 'install' })).toBe('Installer');
    expect(sessionKindLabel({ kind: 'tool' })).toBe('Tool');
  });
});
