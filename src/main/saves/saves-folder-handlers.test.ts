// saves.folder names the game's own home (decided from its id); saves.openFolder opens only that,
// and only where the shell can (a browser is told the path instead).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract/envelope';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { savesFolderHandlers } from './saves-folder-handlers';

const tempDir = useTempDirs();
const GAME = 'game_folder';

describe('saves folder handlers', () => {
  it("names the game's home, says whether it exists yet, and opens it through the shell's openPath only", async () => {
    const dataDir = tempDir();
    const opened: string[] = [];
    const handlers = savesFolderHandlers({ dataDir, openPath: async (path) => (opened.push(path), '') });
    const home = join(dataDir, 'saves', GAME, 'home');
    expect(await handlers['saves.folder']({ gameId: GAME })).toEqual({ path: home, exists: false, canOpen: true });
    await expect(handlers['saves.openFolder']({ gameId: GAME })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('first played') });
    await openGameSaves({ dataDir }).ensureHome(GAME);
    expect(await handlers['saves.folder']({ gameId: GAME })).toMatchObject({ exists: true });
    expect(await handlers['saves.openFolder']({ gameId: GAME })).toEqual({ path: home });
    expect(opened).toEqual([home]);
  });

  it("is unavailable in a browser (no openPath), saying where the folder is; the shell's failure is told in its words", async () => {
    const dataDir = tempDir();
    await openGameSaves({ dataDir }).ensureHome(GAME);
    const browser = savesFolderHandlers({ dataDir });
    expect(await browser['saves.folder']({ gameId: GAME })).toMatchObject({ canOpen: false });
    const refusal = await Promise.resolve(browser['saves.openFolder']({ gameId: GAME })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ContractError);
    expect(refusal).toMatchObject({ code: 'unavailable', message: expect.stringContaining(join(dataDir, 'saves', GAME, 'home')) });
    const failing = savesFolderHandlers({ dataDir, openPath: async () => 'Failed to open path' });
    await expect(failing['saves.openFolder']({ gameId: GAME })).rejects.toThrow(/could not be opened: Failed to open path/);
  });
});
