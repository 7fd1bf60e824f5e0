// The Add game / Edit game form as plain data: a folder (in the library), a title, per platform the
// executable to start and its arguments (one per line), and (when editing) the cover image. Turns
// into library.add / library.update input, and puts the core's problems (folder, title,
// platforms.N.executable, platforms.N.arguments, cover) back at their fields.
import { argumentsFromText, argumentsToText, launchArguments } from '../../../shared/library/launch-arguments';
import type { LibraryGame, PlatformLaunch } from '../../../shared/library/manifest';
import type { Problem } from '../../../shared/validation/problems';
import type { Platform } from './launch-game';

export const PLATFORMS: Platform[] = ['linux', 'windows'];

export interface GameForm {
  folder: string;
  title: string;
  platforms: Record<Platform, PlatformEntry>;
  /** The cover image, a path inside the game's folder; empty: none (the generated cover). */
  cover: string;
}

export interface PlatformEntry {
  enabled: boolean;
  executable: string;
  /** The program's arguments as typed: one per line. */
  argumentsText: string;
  /**
   * The arguments game.json has: sent back unchanged while the text still shows them, so an edit of
   * the title cannot trim or drop an argument the text cannot show (an empty one, spaces at its ends).
   */
  savedArguments: string[];
}

const emptyEntry = (): PlatformEntry => ({ enabled: false, executable: '', argumentsText: '', savedArguments: [] });

export function emptyGameForm(): GameForm {
  return { folder: '', title: '', platforms: { linux: emptyEntry(), windows: emptyEntry() }, cover: '' };
}

export function gameFormFrom(game: LibraryGame): GameForm {
  const form = emptyGameForm();
  form.folder = game.folder;
  form.title = game.title;
  form.cover = game.cover ?? '';
  for (const p of game.platforms) {
    form.platforms[p.platform] = { enabled: true, executable: p.executable, argumentsText: argumentsToText(p.arguments), savedArguments: [...p.arguments] };
  }
  return form;
}

function joinPath(root: string, name: string): string {
  return `${root.replace(/\/+$/, '')}/${name.replace(/^\/+/, '')}`;
}

/** The folder as the core wants it: absolute; a bare name is taken to be inside the library folder. */
export function absoluteFolder(folder: string, libraryRoot: string): string {
  const trimmed = folder.trim();
  if (trimmed === '' || trimmed.startsWith('/')) return trimmed.replace(/(.)\/+$/, '$1');
  return joinPath(libraryRoot, trimmed);
}

/** A Windows program by its extension, else a Linux one. */
export function guessPlatform(executable: string): Platform {
  return /\.(exe|bat|cmd|msi|lnk)$/i.test(executable) ? 'windows' : 'linux';
}

/** A title from a folder or file name: `tux_racer-2` → `Tux Racer 2`. */
export function titleFromName(name: string): string {
  return name
    .replace(/\.[A-Za-z0-9]{1,4}$/, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}

/**
 * The form after the user picked (or typed) a path: a folder is the game's folder; a file is its
 * executable, with its folder as the game's folder. The title is filled in when still empty.
 */
export function applyPickedPath(form: GameForm, path: string, kind: 'folder' | 'file'): GameForm {
  const clean = path.replace(/(.)\/+$/, '$1');
  const cut = clean.lastIndexOf('/');
  const name = clean.slice(cut + 1);
  if (kind === 'folder') return { ...form, folder: clean, title: form.title || titleFromName(name) };
  const folder = cut <= 0 ? '/' : clean.slice(0, cut);
  const platform = guessPlatform(name);
  const folderName = folder.slice(folder.lastIndexOf('/') + 1);
  return {
    ...form,
    folder,
    title: form.title || titleFromName(folderName || name),
    platforms: { ...form.platforms, [platform]: { ...form.platforms[platform], enabled: true, executable: name } },
  };
}

/** The executable as a path inside the folder: an absolute path inside it is made relative. */
export function relativeExecutable(executable: string, folder: string): string {
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  return folder && executable.startsWith(prefix) ? executable.slice(prefix.length) : executable;
}

/** A platform's arguments: those of game.json while the text still shows them, else the text's lines. */
export function argumentsOf(entry: PlatformEntry): string[] {
  return entry.argumentsText === argumentsToText(entry.savedArguments) ? [...entry.savedArguments] : argumentsFromText(entry.argumentsText);
}

export function platformLaunches(form: GameForm): PlatformLaunch[] {
  return PLATFORMS.filter((p) => form.platforms[p].enabled).map((platform) => ({
    platform,
    executable: relativeExecutable(form.platforms[platform].executable.trim(), form.folder.trim()),
    arguments: argumentsOf(form.platforms[platform]),
  }));
}

/**
 * The cover for library.update: the new path (made relative to the game's folder), null to remove
 * it, or undefined when it did not change.
 */
export function coverChange(form: GameForm, game: LibraryGame | undefined, folder: string): string | null | undefined {
  const cover = relativeExecutable(form.cover.trim(), folder);
  const before = game?.cover ?? '';
  if (cover === before) return undefined;
  return cover === '' ? null : cover;
}

/** Problems the form finds before asking the core: nothing to start, an empty title, arguments game.json would refuse. */
export function gameFormProblems(form: GameForm, mode: 'add' | 'edit'): Problem[] {
  const problems: Problem[] = [];
  if (mode === 'add' && form.folder.trim() === '') problems.push({ path: 'folder', message: "Give the game's folder." });
  if (form.title.trim() === '') problems.push({ path: 'title', message: 'Give the game a title.' });
  const enabled = PLATFORMS.filter((p) => form.platforms[p].enabled);
  if (enabled.length === 0) problems.push({ path: 'platforms', message: 'Choose at least one platform.' });
  for (const p of enabled) {
    if (form.platforms[p].executable.trim() === '') problems.push({ path: `platform.${p}`, message: 'Give the program to start, inside the game folder.' });
    const checked = launchArguments.safeParse(argumentsOf(form.platforms[p]));
    if (!checked.success) {
      for (const issue of checked.error.issues) problems.push({ path: `arguments.${p}`, message: argumentMessage(issue.path[0], issue.message) });
    }
  }
  return problems;
}

/** A problem of one argument (its index in the list) or of all of them, as a sentence. */
function argumentMessage(index: PropertyKey | undefined, message: string): string {
  return typeof index === 'number' ? `Argument ${index + 1} ${message}.` : `The arguments ${message}.`;
}

/**
 * The core's problem paths as the form's fields: platforms.N.executable at platform.linux,
 * platforms.N.arguments(.M) at arguments.linux; the form's own (arguments.linux) stay where they are.
 */
export function gameProblemsByField(problems: readonly Problem[], form: GameForm): Record<string, string[]> {
  const enabled = PLATFORMS.filter((p) => form.platforms[p].enabled);
  const fields: Record<string, string[]> = {};
  for (const { path, message } of problems) {
    const match = /^platforms\.(\d+)(?:\.(arguments)(?:\.(\d+))?)?/.exec(path);
    const platform = match ? enabled[Number(match[1])] : undefined;
    let key = platform ? `platform.${platform}` : path === 'id' ? 'title' : path.startsWith('arguments.') ? path : path.split('.')[0] || 'general';
    let text = message;
    if (platform && match?.[2]) {
      key = `arguments.${platform}`;
      text = argumentMessage(match[3] === undefined ? undefined : Number(match[3]), message);
    }
    (fields[key] ??= []).push(text);
  }
  return fields;
}

/** Where a game's files are: its install elsewhere (location), or its folder in the library. */
export function gameFiles(game: LibraryGame | undefined, libraryRoot: string): string {
  if (!game) return libraryRoot;
  return game.location ?? `${libraryRoot.replace(/\/+$/, '')}/${game.folder}`;
}
