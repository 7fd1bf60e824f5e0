// Through a real core (no engine needed): "Open saves folder" reaches the shell's openPath with the
// game's own home, decided by the core from the id; a payload naming a path is refused by the
// contract; without openPath (serve mode) the method is unavailable and saves.folder says canOpen false.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../core';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';

const tempDir = useTempDirs();
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function open(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await createCore({ dataDir, dockerEndpoint: join(dataDir, 'no-docker.sock'), seedDemoGames: false, env: {}, ...options });
  opened.push(core);
  return core;
}

describe('saves.openFolder through the core', () => {
  it("opens the game's home through the shell's openPath, and takes no path from the caller", async () => {
    const dataDir = tempDir();
    await openGameSaves({ dataDir }).ensureHome('tux-racer');
    const asked: string[] = [];
    const core = await open(dataDir, { openPath: async (path) => (asked.push(path), '') });
    const home = join(dataDir, 'saves', 'tux-racer', 'home');
    expect(await core.dispatch('saves.folder', { gameId: 'tux-racer' })).toEqual({ result: { path: home, exists: true, canOpen: true } });
    expect(await core.dispatch('saves.openFolder', { gameId: 'tux-racer' })).toEqual({ result: { path: home } });
    expect(await core.dispatch('saves.openFolder', { gameId: 'tux-racer', path: '/etc' })).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(await core.dispatch('saves.openFolder', { gameId: '../../etc' })).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(asked).toEqual([home]);
  });

  it('is unavailable in serve mode (no openPath), where saves.folder gives the path to show', async () => {
    const dataDir = tempDir();
    const core = await open(dataDir);
    expect(await core.dispatch('saves.folder', { gameId: 'tux-racer' })).toEqual({ result: { path: join(dataDir, 'saves', 'tux-racer', 'home'), exists: false, canOpen: false } });
    expect(await core.dispatch('saves.openFolder', { gameId: 'tux-racer' })).toMatchObject({ error: { code: 'unavailable' } });
  });
});
