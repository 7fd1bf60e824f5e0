// Where a saves archive the user named may be written (export) or read (import): inside one of the
// allowed folders (Settings → Allowed folders, the same folders games may use), or inside the data
// dir's `exports/` folder (made on demand), judged by what the path RESOLVES to, so a link cannot
// lead elsewhere. Never anywhere else in the data dir (the saves store itself lives there), and an
// export never replaces an existing file.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isWithin } from '../../shared/model/container-paths';
import { ContractError } from '../../shared/contract/envelope';

export interface ArchivePlaces {
  dataDir: string;
  /** Read at each call, so a change in Settings applies at once. */
  allowedDirectories(): readonly string[];
}

export function exportsFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** The resolved path an export may write to, or a ContractError saying what to do. */
export async function exportTarget(places: ArchivePlaces, path: string): Promise<string> {
  const asked = resolve(path);
  if (isWithin(asked, exportsFolder(places.dataDir))) await mkdir(exportsFolder(places.dataDir), { recursive: true, mode: 0o700 });
  const folder = await resolved(dirname(asked), `The folder of ${path} does not exist: create it or pick another.`);
  const target = join(folder, basename(asked));
  if (await exists(target)) throw new ContractError('conflict', `${path} already exists: pick a new file name (an export never replaces a file).`);
  await refuseOutside(places, target, path);
  return target;
}

/** The resolved archive an import may read, or a ContractError saying what to do. */
export async function importSource(places: ArchivePlaces, path: string): Promise<string> {
  const source = await resolved(resolve(path), `${path} does not exist: pick the .tar file an export wrote.`);
  if (!(await lstat(source)).isFile()) throw new ContractError('invalid_payload', `${path} is not a file: pick the .tar file an export wrote.`);
  await refuseOutside(places, source, path);
  return source;
}

async function refuseOutside(places: ArchivePlaces, real: string, asWritten: string): Promise<void> {
  const dataDir = await realpath(places.dataDir);
  const exportsDir = join(dataDir, 'exports');
  if (isWithin(real, exportsDir) && real !== exportsDir) return;
  const shown = real === asWritten ? asWritten : `${asWritten} (which is ${real})`;
  if (isWithin(real, dataDir)) {
    throw new ContractError('invalid_payload', `${shown} lies in the app's data folder: use its exports folder ${exportsDir}, or a folder of your own.`);
  }
  const allowed = await Promise.all(places.allowedDirectories().map((dir) => realpath(dir).catch(() => dir)));
  if (!allowed.some((dir) => isWithin(real, dir))) {
    const list = allowed.length > 0 ? allowed.join(', ') : 'none yet';
    throw new ContractError('invalid_payload', `${shown} is outside the allowed folders (${list}) and ${exportsDir}: pick a place inside one, or add its folder under Settings → Allowed folders.`);
  }
}

async function resolved(path: string, missing: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new ContractError('not_found', missing);
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
