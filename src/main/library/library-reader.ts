// Reads the library folder: one sub-folder per game, each with a game.json manifest. A folder
// that cannot be read is reported with what to fix and skipped; it never stops the others.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  GameManifest, MANIFEST_FILE, type LibraryGame, type LibraryProblem, type LibrarySnapshot,
} from '../../shared/library/manifest';
import { messageOf } from '../../shared/errors';
import { namesPrefixPath } from '../../shared/library/prefix-path';

export function readLibrary(root: string): LibrarySnapshot {
  mkdirSync(root, { recursive: true });
  const games: LibraryGame[] = [];
  const problems: LibraryProblem[] = [];
  const folderOfId = new Map<string, string>();

  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();

  for (const folder of folders) {
    const result = readGame(root, folder);
    if ('message' in result) {
      problems.push(result);
      continue;
    }
    const clash = folderOfId.get(result.id);
    if (clash !== undefined) {
      problems.push({ folder, kind: 'duplicate-id', message: `Its id "${result.id}" is already used by the game in ${clash}: give one of them another id in ${MANIFEST_FILE}.` });
      continue;
    }
    folderOfId.set(result.id, folder);
    games.push(result);
  }
  games.sort((a, b) => a.title.localeCompare(b.title));
  return { root, games, problems };
}

function readGame(root: string, folder: string): LibraryGame | LibraryProblem {
  const dir = join(root, folder);
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    return { folder, kind: 'no-manifest', message: `No ${MANIFEST_FILE} in this folder: add one (id, title, platforms), or use Add game.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    return { folder, kind: 'invalid-json', message: `${MANIFEST_FILE} is not valid JSON (${messageOf(error)}): fix it in a text editor.` };
  }
  const parsed = GameManifest.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ');
    return { folder, kind: 'invalid-manifest', message: `${MANIFEST_FILE} has problems: ${details}.` };
  }
  const files = parsed.data.location ?? dir;
  if (parsed.data.location !== undefined && !isDirectory(files)) {
    return { folder, kind: 'missing-location', message: `Its files are in ${files}, which is not there now: connect the drive it is on, or fix "location" in ${MANIFEST_FILE}.` };
  }
  for (const launch of parsed.data.platforms) {
    // A program in the game's Wine prefix (C:\...) is not in its folder: the runner looks for it there.
    if (launch.platform === 'windows' && namesPrefixPath(launch.executable)) continue;
    if (!isFile(join(files, launch.executable))) {
      return { folder, kind: 'missing-executable', message: `The ${launch.platform} executable ${launch.executable} is not in ${parsed.data.location ?? 'this folder'}: fix its path in ${MANIFEST_FILE}.` };
    }
  }
  const game: LibraryGame = { ...parsed.data, folder };
  if (parsed.data.cover && !isFile(join(files, parsed.data.cover))) {
    // A missing cover is cosmetic: show the placeholder instead of dropping the game.
    delete game.cover;
  }
  return game;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
