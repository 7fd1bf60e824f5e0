// The runner containers see the library through one named Docker volume bound to the library
// folder, so every container spec names the volume instead of a host path.
import { mkdirSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type Docker from 'dockerode';
import { LIBRARY_VOLUME, VOLUME_NAME_PATTERN } from '../../shared/model/container-paths';

export interface LibraryVolume {
  /** LIBRARY_VOLUME unless the caller chose another name (tests do, to leave the user's alone). */
  name: string;
  /** True when this call created it; false when it existed and was used as it is. */
  created: boolean;
  /** The folder the volume is bound to, as the engine reports it; absent for a volume of another kind. */
  device?: string;
}

/**
 * Makes sure the library volume exists and shows `libraryDir`. A missing one is created as a local
 * bind of it; one bound to another folder is bound again (refused while running games use it); one
 * of another kind (no `device`) is used as it is.
 */
export async function ensureLibraryVolume(docker: Docker, libraryDir: string, name: string = LIBRARY_VOLUME): Promise<LibraryVolume> {
  if (!isAbsolute(libraryDir)) throw new Error(`The library folder must be an absolute path, not "${libraryDir}": fix it in Settings.`);
  if (!VOLUME_NAME_PATTERN.test(name)) throw new Error(`"${name}" cannot be a Docker volume name: use letters, digits, _ . and - only.`);
  const existing = await inspectVolume(docker, name);
  if (existing && (existing.device === undefined || sameFolder(existing.device, libraryDir))) {
    return { name, created: false, ...(existing.device !== undefined ? { device: existing.device } : {}) };
  }
  if (existing) {
    // Bound to another folder (the library folder was changed in Settings, or another data dir used
    // the name): bind it again to this one, unless games that see the old folder still run.
    try {
      await docker.getVolume(name).remove();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 409) {
        throw new Error(
          `The Docker volume ${name} shows the library folder ${existing.device}, not ${libraryDir}, and containers still use it: stop the games that run, remove the others (docker ps -a --filter volume=${name}), then play again.`,
          { cause: error },
        );
      }
      throw new Error(`Could not rebind the Docker volume ${name} from ${existing.device} to ${libraryDir} (${messageOf(error)}). Run "docker volume rm ${name}" and play again.`, { cause: error });
    }
  }

  // The engine binds the folder only when a container mounts the volume, and fails then if it is
  // missing: create it now, while the error would still be about the library and not a game.
  mkdirSync(libraryDir, { recursive: true });
  try {
    await docker.createVolume({
      Name: name,
      Driver: 'local',
      DriverOpts: { type: 'none', o: 'bind', device: libraryDir },
      Labels: { 'dillinger.purpose': 'library' },
    });
  } catch (error) {
    throw new Error(`Could not create the Docker volume ${name} for the library folder ${libraryDir} (${messageOf(error)}). Check that the engine runs (docker info) and try again.`, { cause: error });
  }
  return { name, created: true, device: libraryDir };
}

async function inspectVolume(docker: Docker, name: string): Promise<{ device?: string } | undefined> {
  try {
    const info = await docker.getVolume(name).inspect();
    const device = info.Options?.device;
    return device !== undefined ? { device } : {};
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw new Error(`Could not ask the Docker engine about the volume ${name} (${messageOf(error)}). Check that it runs (docker info).`, { cause: error });
  }
}

function sameFolder(a: string, b: string): boolean {
  const real = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return real(a) === real(b);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
