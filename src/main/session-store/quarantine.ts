// Files the store cannot trust are moved aside, never deleted: a torn temp file may hold the only
// copy of a session's newest state, and a person may want to read or restore it.
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDirSync, writeFileAtomicSync } from './atomic-file';
import { fileSafeTimestamp } from './layout';
import { messageOf } from '../../shared/errors';

export interface QuarantineWarning {
  /** Where the file was found. */
  readonly file: string;
  /** Why the store would not use it, in words a person can act on. */
  readonly reason: string;
  /** Where it is now; absent when it could not be moved (it then stays where it was). */
  readonly movedTo?: string;
}

/**
 * Moves `file` into `quarantineDir` as `<timestamp>-<name>` (with a counter if that is taken) and
 * writes `<that name>.reason.txt` beside it saying where it came from and why.
 */
export function quarantineFile(quarantineDir: string, file: string, reason: string, now: Date): QuarantineWarning {
  const stamp = fileSafeTimestamp(now);
  const name = basename(file);
  let target = join(quarantineDir, `${stamp}-${name}`);
  for (let n = 2; existsSync(target) || existsSync(`${target}.reason.txt`); n += 1) {
    target = join(quarantineDir, `${stamp}-${n}-${name}`);
  }
  try {
    renameSync(file, target);
    fsyncDirSync(quarantineDir);
    fsyncDirSync(dirname(file));
  } catch (error) {
    return { file, reason: `${reason} (it could not be moved to ${quarantineDir}: ${messageOf(error)})` };
  }
  try {
    writeFileAtomicSync(
      `${target}.reason.txt`,
      `file: ${file}\nquarantined: ${now.toISOString()}\nreason: ${reason}\n`,
    );
  } catch (error) {
    return { file, movedTo: target, reason: `${reason} (the reason file could not be written: ${messageOf(error)})` };
  }
  return { file, movedTo: target, reason };
}

