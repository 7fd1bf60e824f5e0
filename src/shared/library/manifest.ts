// A game in the library: one folder holding the game's files and a `game.json` manifest.
import { z } from 'zod';
import { gameId, platform } from '../model/entities';
import { launchArguments } from './launch-arguments';
import { namesPrefixPath, prefixPathProblem } from './prefix-path';

export const MANIFEST_FILE = 'game.json';

/**
 * A path inside the game's folder: relative, no `..`, no NUL. Windows executables are run by Wine,
 * for which a backslash separates folders too and `C:` names a drive: both count here.
 */
const insideGameFolder = z
  .string()
  .min(1, 'must not be empty')
  .refine(
    (p) => !/^[/\\]/.test(p) && !/^[A-Za-z]:/.test(p) && !p.split(/[/\\]/).includes('..') && !p.includes('\0'),
    { error: "must be a path inside the game's folder, such as bin/game or Game.exe (no leading / or drive letter, and no ..)" },
  );

export const PlatformLaunch = z.strictObject({
  platform,
  /**
   * The program to start, relative to the game's folder: for Linux a binary or a script such as a
   * store's `start.sh` (without its x bit it is run by the interpreter its `#!` line names); for
   * Windows an .exe, or instead a program
   * an installer put in the game's Wine prefix, `C:\\...` (prefix-path.ts judges it).
   */
  executable: z.string().min(1, 'must not be empty'),
  /** What the program is started with, one string per argument (see launch-arguments.ts for the limits). */
  arguments: launchArguments.default([]),
  /**
   * Linux only: the folder the game starts in, inside the game's folder; absent, the game's folder
   * itself (where a store's `start.sh` expects to be). Windows games start in their .exe's folder.
   */
  workingDirectory: insideGameFolder.optional(),
}).superRefine((launch, ctx) => {
  if (launch.platform === 'windows' && launch.workingDirectory !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['workingDirectory'], message: "is for Linux games only: a Windows game starts in its .exe's folder, as Windows games expect; remove it" });
  }
  if (typeof launch.executable !== 'string' || launch.executable === '') return; // reported above
  if (launch.platform === 'windows' && namesPrefixPath(launch.executable)) {
    const problem = prefixPathProblem(launch.executable);
    if (problem) ctx.addIssue({ code: 'custom', path: ['executable'], message: `A program in the game's Wine prefix ${problem}` });
  } else if (!insideGameFolder.safeParse(launch.executable).success) {
    const prefixToo = launch.platform === 'windows' ? ", or for a program in the game's Wine prefix C:\\Program Files\\Game\\game.exe" : '';
    ctx.addIssue({ code: 'custom', path: ['executable'], message: `must be a path inside the game's folder, such as bin/game or Game.exe (no leading /, and no ..)${prefixToo}` });
  }
});
export type PlatformLaunch = z.infer<typeof PlatformLaunch>;

export const GameManifest = z.strictObject({
  id: gameId,
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  platforms: z
    .array(PlatformLaunch)
    .min(1, 'must list at least one platform with its executable')
    .refine((list) => new Set(list.map((p) => p.platform)).size === list.length, { error: 'lists a platform twice' }),
  /** A cover image inside the game's folder (png, jpg, webp). */
  cover: insideGameFolder.optional(),
  /**
   * Where the game's files are when they stay outside the library (an existing install): an absolute
   * folder, mounted read-only in place of the game's library folder. Paths above are relative to it.
   */
  location: z
    .string()
    .startsWith('/', 'must be an absolute folder path')
    .refine((p) => !p.includes('\0') && !p.split('/').includes('..'), { error: 'must be an absolute folder path without ..' })
    .optional(),
});
export type GameManifest = z.infer<typeof GameManifest>;

export const LibraryGame = GameManifest.extend({
  /** The game's folder name inside the library folder. */
  folder: z.string(),
});
export type LibraryGame = z.infer<typeof LibraryGame>;

/** What is wrong with a skipped folder, so the UI can offer the action that fixes it. */
export const LibraryProblemKind = z.enum(['no-manifest', 'invalid-json', 'invalid-manifest', 'missing-location', 'missing-executable', 'duplicate-id']);
export type LibraryProblemKind = z.infer<typeof LibraryProblemKind>;

export const LibraryProblem = z.object({
  folder: z.string(),
  message: z.string(),
  kind: LibraryProblemKind.optional(),
});
export type LibraryProblem = z.infer<typeof LibraryProblem>;

export const LibrarySnapshot = z.object({
  /** The library folder on the host. */
  root: z.string(),
  games: z.array(LibraryGame),
  /** Games that could not be read, each with what to fix; they are skipped, never fatal. */
  problems: z.array(LibraryProblem),
});
export type LibrarySnapshot = z.infer<typeof LibrarySnapshot>;
