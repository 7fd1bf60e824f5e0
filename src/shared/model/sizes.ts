// Docker's size grammar (github.com/docker/go-units RAMInBytes): a decimal number, an optional
// space, then optionally a unit letter (k, m, g, t, p) followed by `b` or `ib`, or a bare `b`; all
// case-insensitive. Units are binary: 1k = 1024 bytes. `512m`, `4G`, `1.5g`, `4GiB`, `4 GB` and
// `1048576` are valid; nothing may come before the number (` 4g` is refused, as Docker does).
//
// This is what BOTH go-units parsers accept. The older one was the regex
// `(?i)^(\d+(\.\d+)*) ?([kmgtp])?i?b?$`, which also took `4i`, `4ib` and `4Gi`; go-units v0.5.0
// (what current Docker uses) replaced it with a hand-written parser that refuses those (and takes
// `.5g` or `1e3`, which the regex refused). A size we accept must work with either.
const SIZE_PATTERN = /^(\d+(?:\.\d+)?) ?(?:([kmgtp])(?:i?b)?|b)?$/i;
const UNIT_EXPONENT: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/** The smallest memory limit the Docker engine accepts (6 MiB); we refuse less too. */
export const DOCKER_MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/** A size written without a unit (`512`), which Docker reads as bytes. */
export function isBareNumber(text: string): boolean {
  return /^\d+(?:\.\d+)?$/.test(text);
}

/**
 * For a bare number under `minBytes` (`512`): that it means bytes, with the same number in MiB
 * offered when that would do (`512M`). Undefined for a size written with a unit.
 */
export function bareNumberAdvice(text: string, minBytes: number, example: string): string | undefined {
  if (!isBareNumber(text)) return undefined;
  const offer = Number(text) * 1024 * 1024 >= minBytes ? `write ${text}M for ${text} MiB` : `write a unit, such as ${example}`;
  return `"${text}" has no unit, so it means ${text} byte${text === '1' ? '' : 's'}, and the least is ${formatBytes(minBytes)}: ${offer}`;
}

/** Parses a Docker size such as `4G` into bytes, or returns undefined when it is not one. */
export function parseDockerSize(text: string): number | undefined {
  const match = SIZE_PATTERN.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  const bytes = value * 1024 ** (unit ? (UNIT_EXPONENT[unit] ?? 0) : 0);
  return Number.isFinite(bytes) ? Math.floor(bytes) : undefined;
}

/** Formats bytes the way a person reads them, in binary units (`4 GiB`, `512 MiB`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** The writable space (/tmp, held in memory) a game gets when its diskLimit is left empty. */
export const DEFAULT_DISK_LIMIT = '2G';
