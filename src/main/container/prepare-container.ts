// Everything a session needs before its container can start: the runner image (the app's, built if
// missing, with progress; or the game's own, checked), the game's own folder (judged by its real
// path), the runtime dir with the private X cookie, the Wine prefix folder, and finally the
// container itself, created from the pure spec.
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { AudioAssignment, GameLaunchRequest, GpuAssignment } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { attachSessionAudio } from '../audio/session-audio';
import { readHostWayland } from '../display/wayland-display';
import { readHostX11 } from '../display/x11-display';
import { nestedCookieFile, startNestedX } from '../display/nested-x-server';
import { cookieFingerprint, parseXauthority } from '../display/xauthority';
import { ensureGameVolumes, namedVolumesOf } from '../docker/game-volumes';
import { ensureRunnerImage, type BuildProgress } from '../docker/runner-image';
import { checkGameRunnerImage, runnerImageFor } from '../docker/game-runner-image';
import { buildContainerSpec } from './container-spec';
import { gameFolderOf } from './game-folder';
import { PrepareFailure, failingAs } from './prepare-failure';
import { planGpuAccess } from './gpu-access';
import { createRuntimeDir } from './runtime-dir';
import { refuseWhatWineCannotStart } from './wine-launch-checks';
import { runnerWineArches } from './windows-program';
import { XAUTHORITY_FILE, sessionAttachments, sessionGameUser } from './session-attachments';
import type { GameUser } from './game-user';

/** What building a session's container needs from the app; the session manager's deps include it. */
export interface ContainerDeps {
  docker: Docker;
  env: NodeJS.ProcessEnv;
  libraryDir: string;
  runtimeRoot: string;
  image: { name: string; build: boolean; contextDir: string };
  /** This app instance's id (app-data/instance-id.ts): labelled on every container it creates. */
  instanceId: string;
  user: GameUser;
  /** The game's persistent folders, made for the player on first Play (saves/launch-folders.ts). */
  gameFolders?: (request: GameLaunchRequest, user: GameUser) => Promise<GameFolders>;
}

export interface GameFolders {
  home: string;
  /** A Windows game's prefix user folders, when its prefix is the app's volume. */
  prefixUsers?: string;
}

async function gameFoldersFor(folders: NonNullable<ContainerDeps['gameFolders']>, request: GameLaunchRequest, user: GameUser) {
  const { home, prefixUsers } = await folders(request, user);
  return { homeFolder: home, ...(prefixUsers ? { prefixUsersFolder: prefixUsers } : {}) };
}

/** A game's own runner image that is missing or foreign ends the launch with failureKind runner-image. */
async function refuseUnusableRunnerImage(docker: Docker, image: string): Promise<void> {
  const verdict = await checkGameRunnerImage(docker, image);
  if (!verdict.ok) throw new PrepareFailure('runner-image', verdict.message);
}

export interface PreparedContainer {
  container: Docker.Container;
  /** A fingerprint of the session's X cookie, for the record (X11 only). */
  authToken?: string;
  /** The sound the container got, for the record; `warnings` says why when it got none it asked for. */
  audioInfo: AudioAssignment;
  warnings: string[];
  /** The GPU access the container got, for the record (the same pure plan the spec used). */
  gpuInfo: GpuAssignment;
  /** displayIsolation 'isolated': the session's own nested display, for the record; `exited` settles when it goes. */
  nestedDisplay?: { displayId: string; socketPath: string; resolution: string; exited: Promise<string> };
}

export async function prepareContainer(
  deps: ContainerDeps,
  request: GameLaunchRequest,
  game: LibraryGame,
  facts: HostFacts,
  onProgress: (progress: BuildProgress) => void,
): Promise<PreparedContainer> {
  const { docker } = deps;
  // Only the chosen display's socket goes in: X11 with a private cookie, or Wayland as its owner.
  const x11 = request.launchConfig.displayMode === 'x11' ? failingAs('display-unavailable', () => readHostX11(deps.env)) : undefined;
  const wayland = request.launchConfig.displayMode === 'wayland' ? failingAs('display-unavailable', () => readHostWayland(deps.env)) : undefined;
  const appUid = process.getuid?.() ?? 0;
  const user = failingAs('display-unavailable', () => sessionGameUser(request, wayland, appUid, deps.user));
  // The game's own runner image is only checked (present, with the contract label), never built.
  const image = runnerImageFor(request, deps.image);
  if (image === deps.image) await ensureRunnerImage(docker, { image: image.name, contextDir: image.contextDir, build: image.build, onProgress });
  else await refuseUnusableRunnerImage(docker, image.name);
  const gameFolder = gameFolderOf(deps.libraryDir, game);
  if (request.platform === 'windows') refuseWhatWineCannotStart(request, game, gameFolder, await runnerWineArches(docker, image.name), user);
  await ensureGameVolumes(docker, namedVolumesOf(request), request.gameId);

  const runtime = createRuntimeDir(deps.runtimeRoot, request.sessionId, user);
  // Isolated: the container gets the nested server's own cookie and socket, never the user's display.
  const isolated = x11 !== undefined && request.launchConfig.displayIsolation === 'isolated';
  const xauthorityPath = x11 ? runtime.writePrivate(XAUTHORITY_FILE, isolated ? nestedCookieFile() : x11.sessionXauthority) : undefined;
  const nested = isolated && xauthorityPath ? await startNestedX({
    env: deps.env, runtimeDir: runtime.path, cookiePath: xauthorityPath, title: game.title,
    ...(request.launchConfig.resolution ? { resolution: request.launchConfig.resolution } : {}),
    ...(request.launchConfig.fullscreen ? { fullscreen: true } : {}),
  }).catch((error: unknown) => { throw new PrepareFailure('display-unavailable', error); }) : undefined;
  const authToken = nested && xauthorityPath ? cookieFingerprint(parseXauthority(readFileSync(xauthorityPath))[0]!) : x11?.fingerprint;
  const audio = request.launchConfig.audioEnabled ? await attachSessionAudio(deps.env, runtime.path, user) : undefined;
  const prefix = request.launchConfig.winePrefix;
  if (request.platform === 'windows' && prefix?.startsWith('/') && !existsSync(prefix)) {
    // Validation checked its parent is an allowed folder; the prefix belongs to the player.
    mkdirSync(prefix, { mode: 0o700 });
    if (process.getuid?.() === 0) chownSync(prefix, user.uid, user.gid);
  }

  // The same pure plan the preview shows; its paths name the files just made in the runtime dir
  // (XAUTHORITY_FILE above, the sound server's SESSION_SOCKET_NAME).
  const attachments = sessionAttachments({
    request,
    runtimeDir: runtime.path,
    host: { ...(x11 && xauthorityPath ? { x11: nested ?? x11 } : {}), ...(wayland ? { wayland } : {}), sound: audio?.attached === true },
    appUid,
    user: deps.user,
  });
  const spec = buildContainerSpec({
    request,
    game,
    facts,
    image: image.name,
    gameFolder,
    instanceId: deps.instanceId,
    ...attachments,
    ...(deps.gameFolders ? await gameFoldersFor(deps.gameFolders, request, attachments.user) : {}),
  });
  const container = await docker.createContainer(spec);
  return {
    container,
    ...(authToken ? { authToken } : {}),
    ...(nested ? { nestedDisplay: { displayId: nested.displayId, socketPath: nested.socketPath, resolution: nested.resolution, exited: nested.exited } } : {}),
    audioInfo: audio?.attached ? { enabled: true, socketPath: audio.socketPath, server: audio.server } : { enabled: false },
    warnings: audio && !audio.attached ? [audio.warning] : [],
    gpuInfo: planGpuAccess(request.launchConfig.resources, facts).record,
  };
}
