// The contract's saves.folder and saves.openFolder: where a game's saves folder (its persistent
// home) is, and showing it in the system's file manager. Only the Electron shell can open a folder
// (it gives `openPath`, Electron's shell.openPath); in a browser the Saves panel shows the path to
// copy instead. The folder is always the one the core keeps for the game's id (saves-layout.ts
// refuses an id that could climb out of saves/): no path ever comes from the window.
import { existsSync } from 'node:fs';
import { ContractError } from '../../shared/contract/envelope';
import type { Handlers } from '../transport/dispatcher';
import { savesLayout } from './saves-layout';

/** Opens a folder in the file manager; answers '' on success or the system's reason (Electron's shell.openPath). */
export type OpenPath = (path: string) => Promise<string>;

export interface SavesFolderHandlerDeps {
  dataDir: string;
  openPath?: OpenPath;
}

export function savesFolderHandlers({ dataDir, openPath }: SavesFolderHandlerDeps): Pick<Handlers, 'saves.folder' | 'saves.openFolder'> {
  const homeOf = (gameId: string) => savesLayout(dataDir, gameId).homeDir;
  return {
    'saves.folder': ({ gameId }) => {
      const path = homeOf(gameId);
      return { path, exists: existsSync(path), canOpen: openPath !== undefined };
    },
    'saves.openFolder': async ({ gameId }) => {
      const path = homeOf(gameId);
      if (!openPath) throw new ContractError('unavailable', `A browser cannot open folders: the saves folder is ${path}.`);
      if (!existsSync(path)) throw new ContractError('not_found', `There is no saves folder yet: it is made when the game is first played (${path}).`);
      const problem = await openPath(path);
      if (problem) throw new ContractError('internal', `The saves folder ${path} could not be opened: ${problem}.`);
      return { path };
    },
  };
}
