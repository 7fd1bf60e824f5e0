// The named Docker volumes a game may be given (a Wine prefix, an extra mount of type volume): only
// ones this app made for games. A volume name is a key to any volume on the engine, another
// program's data or database included, so a name the app did not create is refused, not mounted.
import type Docker from 'dockerode';
import { GAME_LABEL, PURPOSE_LABEL } from './labels';
import { messageOf } from '../../shared/errors';

export const GAME_VOLUME_PURPOSE = 'game-data';

export class GameVolumeError extends Error {
  override name = 'GameVolumeError';
}

/** Creates the missing ones (labelled as game data) and refuses any that exists without our label. */
export async function ensureGameVolumes(docker: Docker, names: readonly string[], gameId: string): Promise<void> {
  for (const name of new Set(names)) {
    let labels: Record<string, string> | undefined;
    try {
      labels = (await docker.getVolume(name).inspect()).Labels ?? {};
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) {
        throw new GameVolumeError(`Could not ask the Docker engine about the volume ${name} (${messageOf(error)}). Check that it runs (docker info).`, { cause: error });
      }
    }
    if (labels === undefined) {
      await docker.createVolume({ Name: name, Labels: { [PURPOSE_LABEL]: GAME_VOLUME_PURPOSE, [GAME_LABEL]: gameId } });
    } else if (labels[PURPOSE_LABEL] !== GAME_VOLUME_PURPOSE) {
      throw new GameVolumeError(
        `The Docker volume ${name} was not made by Dillinger Runner for a game (it may hold another program's data), so it is not given to one. ` +
          'Choose a new volume name (the app creates it), or use a folder instead.',
      );
    }
  }
}

/** The volume names a request mounts: its Wine prefix when that is a name, and extra mounts of type volume. */
export function namedVolumesOf(request: { platform: string; launchConfig: { winePrefix?: string; volumes: ReadonlyArray<{ type: string; hostPath: string }> } }): string[] {
  const names = request.launchConfig.volumes.filter((v) => v.type === 'volume').map((v) => v.hostPath);
  const prefix = request.launchConfig.winePrefix;
  if (request.platform === 'windows' && prefix && !prefix.startsWith('/')) names.push(prefix);
  return names;
}
