// The folders that hold a game's saves, each one root of its snapshots: the game's home (every
// game), and a Windows game's Wine prefix user folders, drive_c/users, where Windows games keep
// Documents, Saved Games and AppData. For a prefix in the app's named volume (the default), that is
// <gameDir>/prefix-users, which every session binds over the volume's drive_c/users (the app cannot
// read a volume's files from the host; container-spec.ts, and the entrypoint moves an older
// prefix's users there: lib/wine-prefix.sh). For a prefix the player keeps in a host folder, it is
// that folder's own drive_c/users. A root that does not exist is recorded as absent and costs nothing.
import { join } from 'node:path';
import type { GameLaunchRequest } from '../../shared/model/entities';
import type { Owner } from './build-tree';
import type { SaveRoot } from './take-snapshot';
import type { SavesLayout } from './saves-layout';

/** `owner`: the game's user, whom a restore makes a root for that does not exist yet (a fresh data dir). */
export function saveRootsOf(layout: SavesLayout, winePrefix?: string, owner?: Owner): SaveRoot[] {
  const users = winePrefix?.startsWith('/') ? join(winePrefix, 'drive_c', 'users') : layout.prefixUsersDir;
  return [
    { name: 'home', path: layout.homeDir, ...(owner ? { owner } : {}) },
    { name: 'users', path: users, ...(owner ? { owner } : {}) },
  ];
}

/** The folders a launch binds into the game's container: its home, and its prefix user folders when its prefix is the app's volume. */
export interface LaunchFolders {
  home: string;
  prefixUsers?: string;
}

export function launchFolderPaths(layout: SavesLayout, request: Pick<GameLaunchRequest, 'platform' | 'launchConfig'>): LaunchFolders {
  const prefix = request.platform === 'windows' ? request.launchConfig.winePrefix : undefined;
  return { home: layout.homeDir, ...(prefix && !prefix.startsWith('/') ? { prefixUsers: layout.prefixUsersDir } : {}) };
}
