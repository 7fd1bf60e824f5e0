// Everything a session needs before its container can start: the runner image (built if missing,
// with progress), the library volume, the runtime dir with the private X cookie, the Wine prefix
// folder, and finally the container itself, created from the pure spec.
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import type Docker from 'dockerode';
import { LIBRARY_VOLUME } from '../../shared/model/container-paths';
import type { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { readHostX11 } from '../display/x11-display';
import { ensureLibraryVolume } from '../docker/library-volume';
import { ensureRunnerImage, type BuildProgress } from '../docker/runner-image';
import { buildContainerSpec } from './container-spec';
import { createRuntimeDir } from './runtime-dir';
import type { SessionManagerDeps } from './session-manager';

export interface PreparedContainer {
  container: Docker.Container;
  /** A fingerprint of the session's X cookie, for the record. */
  authToken: string;
}

export async function prepareContainer(
  deps: SessionManagerDeps,
  request: GameLaunchRequest,
  game: LibraryGame,
  facts: HostFacts,
  onProgress: (progress: BuildProgress) => void,
): Promise<PreparedContainer> {
  const { docker, user } = deps;
  const x11 = readHostX11(deps.env);
  await ensureRunnerImage(docker, { image: deps.image.name, contextDir: deps.image.contextDir, build: deps.image.build, onProgress });
  const volume = await ensureLibraryVolume(docker, deps.libraryDir, deps.libraryVolume ?? LIBRARY_VOLUME);

  const runtime = createRuntimeDir(deps.runtimeRoot, request.sessionId, user);
  const xauthorityPath = runtime.writePrivate('xauth', x11.sessionXauthority);
  const prefix = request.launchConfig.winePrefix;
  if (request.platform === 'windows' && prefix?.startsWith('/') && !existsSync(prefix)) {
    // Validation checked its parent is an allowed folder; the prefix belongs to the player.
    mkdirSync(prefix, { mode: 0o700 });
    if (process.getuid?.() === 0) chownSync(prefix, user.uid, user.gid);
  }

  const spec = buildContainerSpec({
    request,
    game,
    facts,
    image: deps.image.name,
    libraryVolume: volume.name,
    user,
    x11: { number: x11.number, socketPath: x11.socketPath, xauthorityPath },
  });
  const container = await docker.createContainer(spec);
  return { container, authToken: x11.fingerprint };
}
