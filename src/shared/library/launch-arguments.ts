// The arguments a game's program is started with (`/S`, `-windowed`, `+connect 192.168.1.5`), per
// platform in game.json. People type them one per line: what a line says is exactly one argument,
// spaces, quotes and backslashes included (Windows paths survive), with no quoting rules to learn.
// The same limits hold in the form and in the core, because both use these schemas.
import { z } from 'zod';

/** The longest one argument may be, in characters. */
export const MAX_ARGUMENT_LENGTH = 1024;
/** All arguments together, one separator each counted: well under Windows' 32,767-character command line. */
export const MAX_ARGUMENTS_LENGTH = 8192;

export const launchArgument = z
  .string()
  .max(MAX_ARGUMENT_LENGTH, `must be at most ${MAX_ARGUMENT_LENGTH} characters: shorten it, or put the options in a file the game reads`)
  .refine((a) => !a.includes('\0'), { error: 'must not contain a NUL character: remove it' })
  .refine((a) => !/[\r\n]/.test(a), { error: 'must be on one line: give each argument on a line of its own' });

export const launchArguments = z
  .array(launchArgument)
  .refine((list) => totalLength(list) <= MAX_ARGUMENTS_LENGTH, {
    error: (issue) =>
      `are ${totalLength(issue.input as string[])} characters in all, more than ${MAX_ARGUMENTS_LENGTH}: leave some out, or put them in a file the game reads`,
  });

function totalLength(list: readonly string[]): number {
  return list.reduce((sum, a) => sum + a.length + 1, 0);
}

/**
 * The arguments in a text field: one per line, each line as typed less the spaces at its ends;
 * empty lines are skipped (so an empty argument cannot be given this way).
 */
export function argumentsFromText(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The text that gives these arguments back (one per line). */
export function argumentsToText(list: readonly string[]): string {
  return list.join('\n');
}

/**
 * A command as one line a person can read without guessing where an argument ends: an argument
 * with spaces, quotes or shell characters is shown in single quotes (as a POSIX shell would take it).
 */
export function commandForDisplay(command: readonly string[]): string {
  return command.map((a) => (a !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
