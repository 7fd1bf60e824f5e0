// The record's processId: tini's child in a runner container; the first process itself otherwise.
import { describe, expect, it } from 'vitest';
import { gameProcessId } from './game-process';

describe('gameProcessId', () => {
  it('is the process itself when it is no init (an older runner) or cannot be read', async () => {
    expect(await gameProcessId(process.pid)).toBe(process.pid);
    expect(await gameProcessId(2 ** 30)).toBe(2 ** 30);
  });
});
