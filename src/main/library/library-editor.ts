// Adds, edits and removes games: each is a folder of the library holding a game.json. Writes are
// atomic; removing a game keeps its files (the folder is hidden, not deleted) unless asked.
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ContractError } from '../../shared/contract/envelope';
import {
  GameManifest, MANIFEST_FILE, type LibraryGame, type LibrarySnapshot, type PlatformLaunch,
} from '../../shared/library/manifest';
import type { Problem } from '../../shared/validation/problems';
import { problemsFromZod } from '../../shared/validation/problems';
import { writeJsonAtomic } from '../session-store/atomic-file';
import { namesPrefixPath } from '../../shared/library/prefix-path';

export interface NewGame {
  /**
   * The game's folder: one directly inside the library folder (created when missing), or any other
   * folder the user allows games to use, which then stays where it is (`location` in its game.json).
   */
  folder: string;
  title: string;
  platforms: PlatformLaunch[];
  id?: string;
}

export interface GameChange {
  gameId: string;
  title?: string;
  platforms?: PlatformLaunch[];
  /** null removes the cover. */
  cover?: string | null;
}

/** game.json is the user's file as much as the app's: readable by their tools, as they would write it. */
const MANIFEST_MODE = 0o644;

/** The prefix of a removed game's folder: hidden, so the library no longer lists it, but its files stay. */
export const REMOVED_PREFIX = '.removed-';

/** Why a folder outside the library may not hold a game (not allowed, missing, unreadable), or undefined when it may. */
export type LocationCheck = (path: string) => Promise<string | undefined>;

export async function addGame(root: string, library: LibrarySnapshot, game: NewGame, checkLocation: LocationCheck): Promise<string> {
  if (!isInsideLibrary(root, game.folder)) return addGameInPlace(root, library, game, checkLocation);
  const folder = libraryFolderOf(root, game.folder);
  const dir = join(root, folder);
  if (existsSync(join(dir, MANIFEST_FILE))) {
    throw new ContractError('conflict', `${dir} already has a ${MANIFEST_FILE}: it is a game of the library already; edit it instead.`, [
      { path: 'folder', message: `already holds a game (${MANIFEST_FILE})` },
    ]);
  }
  const taken = new Set(library.games.map((g) => g.id));
  if (game.id !== undefined && taken.has(game.id)) {
    throw new ContractError('conflict', `The id ${game.id} is used by another game: choose another, or leave it out.`, [{ path: 'id', message: 'is used by another game' }]);
  }
  const manifest = checked({ id: game.id ?? freeId(slugOf(game.title), taken), title: game.title, platforms: game.platforms }, dir, false);
  mkdirSync(dir, { recursive: true });
  await writeJsonAtomic(join(dir, MANIFEST_FILE), manifest, MANIFEST_MODE);
  return manifest.id;
}

/** A game whose files stay where they are: its game.json goes into a new library folder, with `location`. */
async function addGameInPlace(root: string, library: LibrarySnapshot, game: NewGame, checkLocation: LocationCheck): Promise<string> {
  const location = resolve(game.folder);
  if (existsSync(location) && !statSync(location).isDirectory()) {
    throw new ContractError('invalid_payload', `${location} is a file, not a folder: choose the folder holding the game.`, [{ path: 'folder', message: 'must be a folder' }]);
  }
  const refusal = await checkLocation(location);
  if (refusal) throw new ContractError('invalid_payload', `${refusal} Or move the game's folder into the library folder ${root}.`, [{ path: 'folder', message: refusal }]);
  const taken = new Set(library.games.map((g) => g.id));
  if (game.id !== undefined && taken.has(game.id)) {
    throw new ContractError('conflict', `The id ${game.id} is used by another game: choose another, or leave it out.`, [{ path: 'id', message: 'is used by another game' }]);
  }
  const id = game.id ?? freeId(slugOf(game.title), taken);
  const manifest = checked({ id, title: game.title, platforms: game.platforms, location: realpathSync(location) }, realpathSync(location), false);
  const used = new Set(readdirSync(root));
  const folder = freeId(id, used);
  mkdirSync(join(root, folder));
  await writeJsonAtomic(join(root, folder, MANIFEST_FILE), manifest, MANIFEST_MODE);
  return manifest.id;
}

export async function updateGame(root: string, library: LibrarySnapshot, change: GameChange): Promise<void> {
  const game = find(library, change.gameId);
  const dir = join(root, game.folder);
  const current = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current };
  if (change.title !== undefined) next.title = change.title;
  if (change.platforms !== undefined) next.platforms = change.platforms;
  if (change.cover === null) delete next.cover;
  else if (change.cover !== undefined) next.cover = change.cover;
  await writeJsonAtomic(join(dir, MANIFEST_FILE), checked(next, game.location ?? dir, true), MANIFEST_MODE);
}

export interface RemovedGame {
  gameId: string;
  /** Where its files are now (the hidden folder), or the deleted folder. */
  folder: string;
  filesDeleted: boolean;
}

export function removeGame(root: string, library: LibrarySnapshot, gameId: string, deleteFiles: boolean): RemovedGame {
  const game = find(library, gameId);
  const dir = join(root, game.folder);
  // The folder must really be inside the library (not a symlink out of it) before anything is moved or deleted.
  libraryFolderOf(root, realpathSync(dir));
  if (game.location !== undefined) {
    // Its files were never the library's: only the entry goes, the install stays where the user has it.
    rmSync(dir, { recursive: true, force: true });
    return { gameId, folder: game.location, filesDeleted: false };
  }
  if (deleteFiles) {
    rmSync(dir, { recursive: true, force: true });
    return { gameId, folder: dir, filesDeleted: true };
  }
  const hidden = join(root, `${REMOVED_PREFIX}${game.folder}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  renameSync(dir, hidden);
  return { gameId, folder: hidden, filesDeleted: false };
}

function isInsideLibrary(root: string, folder: string): boolean {
  const realRoot = realpathSync(root);
  let wanted = resolve(folder);
  try {
    wanted = realpathSync(wanted);
  } catch {
    // Not there yet: judged by its spelling.
  }
  return wanted === realRoot || wanted.startsWith(`${realRoot}/`) || wanted === resolve(root) || wanted.startsWith(`${resolve(root)}/`);
}

/** The folder's name when it lies directly inside the library folder; a clear refusal otherwise. */
function libraryFolderOf(root: string, folder: string): string {
  const realRoot = realpathSync(root);
  const wanted = resolve(folder);
  const parent = existsSync(dirname(wanted)) ? realpathSync(dirname(wanted)) : dirname(wanted);
  const name = basename(wanted);
  const inLibrary = parent === realRoot || parent === resolve(root);
  if (!inLibrary || !name || name.startsWith('.') || relative(realRoot, join(parent, name)).startsWith('..')) {
    throw new ContractError(
      'invalid_payload',
      `${folder} is not a folder directly inside the library folder ${root}: choose the game's own folder there, or a folder outside the library.`,
      [{ path: 'folder', message: `must be a folder directly inside ${root}` }],
    );
  }
  if (existsSync(wanted) && !statSync(wanted).isDirectory()) {
    throw new ContractError('invalid_payload', `${folder} is a file, not a folder: choose the folder holding the game.`, [{ path: 'folder', message: 'must be a folder' }]);
  }
  return name;
}

/** The manifest, valid and with its executables (and cover) present in the folder; every problem at once otherwise. */
function checked(manifest: Record<string, unknown>, dir: string, existing: boolean): GameManifest {
  const parsed = GameManifest.safeParse(manifest);
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error, [], manifest);
  if (parsed.success) {
    parsed.data.platforms.forEach((launch, index) => {
      // A program in the game's Wine prefix (C:\...) is looked for there when the game is played.
      if (launch.platform === 'windows' && namesPrefixPath(launch.executable)) return;
      if (!isFile(join(dir, launch.executable))) {
        problems.push({ path: `platforms.${index}.executable`, message: `${launch.executable} is not a file in ${dir}: give the path of the game's program inside its folder.` });
      }
    });
    if (parsed.data.cover !== undefined && !isFile(join(dir, parsed.data.cover))) {
      problems.push({ path: 'cover', message: `${parsed.data.cover} is not a file in ${dir}.` });
    }
  }
  if (problems.length > 0 || !parsed.success) {
    const what = existing ? 'The game cannot be changed' : 'The game cannot be added';
    throw new ContractError('invalid_payload', `${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`, problems);
  }
  return parsed.data;
}

function find(library: LibrarySnapshot, gameId: string): LibraryGame {
  const game = library.games.find((g) => g.id === gameId);
  if (!game) throw new ContractError('not_found', `There is no game ${gameId} in the library: it may have been removed. Refresh the library.`);
  return game;
}

export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'game';
}

function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
