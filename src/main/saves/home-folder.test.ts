import { chownSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';

const tempDir = useTempDirs();

it('creates the home as a 0700 folder under saves/<game>/, hands it to the game user once, and returns it', async () => {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const home = await saves.ensureHome('game_home', { uid: 1000, gid: 1000 });
  expect(home).toBe(join(dataDir, 'saves', 'game_home', 'home'));
  const info = statSync(home);
  expect([info.mode & 0o777, info.uid, info.gid]).toEqual([0o700, process.getuid?.() === 0 ? 1000 : info.uid, process.getuid?.() === 0 ? 1000 : info.gid]);
  // An existing home is not touched again: only what the app just created is chowned.
  chownSync(home, 0, 0);
  expect(await saves.ensureHome('game_home', { uid: 1000, gid: 1000 })).toBe(home);
  expect(statSync(home).uid).toBe(0);
  await expect(saves.ensureHome('../escape')).rejects.toMatchObject({ code: 'not_found' });
});

it("creates a Windows game's prefix user folders the same way, beside its home", async () => {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const users = await saves.ensurePrefixUsers('game_home', { uid: 1000, gid: 1000 });
  expect(users).toBe(join(dataDir, 'saves', 'game_home', 'prefix-users'));
  const info = statSync(users);
  expect([info.mode & 0o777, info.uid]).toEqual([0o700, process.getuid?.() === 0 ? 1000 : info.uid]);
});
