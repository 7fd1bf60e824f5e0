import type { z } from 'zod';

/** One thing wrong with an input: where (`launchConfig.resources.memoryLimit`) and what to do about it. */
export interface Problem {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `['launchConfig', 'volumes', 0, 'hostPath']` → `launchConfig.volumes.0.hostPath`. */
export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

const NO_INPUT = Symbol('no input');

/**
 * Turns zod's issues into problems a person can act on, naming the field they concern. Pass the
 * parsed `input` too, so a missing field reads "required" while a present one of the wrong type
 * keeps its own message (zod 4 leaves the input out of its issues unless asked to report it).
 */
export function problemsFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = [], input: unknown = NO_INPUT): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, at the key itself: a typo in launchConfig must not hide
      // (through mergeProblems) every other problem inside launchConfig.
      return issue.keys.map((key) => ({
        path: joinPath([...path, key]),
        message: `Unknown field "${key}": check its spelling or remove it.`,
      }));
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && isMissing(issue, input)) {
      return [{ path: joinPath(path), message: 'This field is required.' }];
    }
    return [{ path: joinPath(path), message: sentence(issue.message) }];
  });
}

type Issue = z.ZodError['issues'][number];

function isMissing(issue: Issue, input: unknown): boolean {
  if (input !== NO_INPUT) return valueAt(input, issue.path) === undefined;
  if ('input' in issue) return issue.input === undefined;
  // Without the input, zod's own message is the only witness ("expected string, received undefined").
  return issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function sentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Keeps the first problem per path, dropping host checks of a field whose shape was already wrong. */
export function mergeProblems(shape: Problem[], rules: Problem[]): Problem[] {
  const broken = new Set(shape.map((p) => p.path));
  const underBroken = (path: string) =>
    [...broken].some((b) => path === b || path.startsWith(`${b}.`));
  return [...shape, ...rules.filter((p) => !underBroken(p.path))];
}
