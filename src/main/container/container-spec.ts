// The runner container for a session, as a PURE function of the request, the game, the host and the
// session: everything Docker is told comes from here, so it is unit-tested field by field.
// Contract with the image's entrypoint: resources/runner/entrypoint.sh.
import type Docker from 'dockerode';
import {
  GAME_HOME, GAME_RUNTIME_DIR, LIBRARY_MOUNT, PREFIX_USERS_MOUNT, PREFIX_VOLUME_VIEW, RUNTIME_MOUNT, WINE_PREFIX_MOUNT, WRITABLE_MOUNT, X11_SOCKET_DIR,
} from '../../shared/model/container-paths';
import type { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import { DEFAULT_DISK_LIMIT, parseDockerSize } from '../../shared/model/sizes';
import { splitDiskLimit } from '../../shared/model/tmpfs-budget';
import type { HostFacts } from '../../shared/validation/host-facts';
import type { GameUser } from './game-user';
import { containerEnv } from './game-environment';
import { planGpuAccess } from './gpu-access';
import { wineSettingsEnv } from './wine-settings-env';
import { GAME_LABEL, INSTANCE_LABEL, SESSION_LABEL, USER_LABEL } from '../docker/labels';
import { programCommand } from './program-command';
import { namesPrefixPath, prefixContainerPath } from '../../shared/library/prefix-path';

/** Processes AND threads: Wine and a game easily run a few hundred threads; a fork bomb does not get far. */
export const PIDS_LIMIT = 2048;
/** Only what the entrypoint needs to prepare HOME and the prefix before it drops to the user. */
export const ENTRYPOINT_CAPABILITIES = ['CHOWN', 'SETUID', 'SETGID', 'SETPCAP'];
export const XAUTHORITY_IN_CONTAINER = `${RUNTIME_MOUNT}/xauth`;
/** Where the host's Wayland socket is mounted; the entrypoint links it into the game's own XDG_RUNTIME_DIR. */
export const WAYLAND_SOCKET_IN_CONTAINER = `${RUNTIME_MOUNT}/wayland-0`;
/** The game's private XDG_RUNTIME_DIR (on the container's tmpfs, 0700, made by the entrypoint). */
export const XDG_RUNTIME_DIR_IN_CONTAINER = GAME_RUNTIME_DIR;
/** Where the session's own PulseAudio socket is mounted. */
export const PULSE_SOCKET_IN_CONTAINER = `${RUNTIME_MOUNT}/pulse.sock`;

export interface X11Attachment {
  /** The display number (`0` for `:0`). */
  number: string;
  /** Host path of the display's socket. */
  socketPath: string;
  /** Host path of the session's private cookie file. */
  xauthorityPath: string;
}

export interface WaylandAttachment {
  /** Host path of the compositor's socket ($XDG_RUNTIME_DIR/$WAYLAND_DISPLAY). */
  socketPath: string;
}

export interface AudioAttachment {
  /** Host path of the session's own PulseAudio socket, in its runtime dir. */
  socketPath: string;
}

export interface ContainerSpecInput {
  request: GameLaunchRequest;
  game: LibraryGame;
  facts: HostFacts;
  image: string;
  /**
   * The host folder of this game only (its real path, judged by game-folder.ts): mounted read-only
   * at /library/<folder>, so a game never sees the rest of the library.
   */
  gameFolder: string;
  /** This app instance's id (app-data/instance-id.ts), labelled on the container; absent in a preview. */
  instanceId?: string;
  user: GameUser;
  x11?: X11Attachment;
  wayland?: WaylandAttachment;
  /** Absent: the container gets no audio path at all. */
  audio?: AudioAttachment;
  /** The game's persistent home on the host (saves/home-folder.ts), bound at GAME_HOME over the tmpfs; absent: HOME on the tmpfs. */
  homeFolder?: string;
  /** A Windows game's prefix user folders on the host (saves/save-roots.ts), bound over its prefix volume's drive_c/users. */
  prefixUsersFolder?: string;
}

/**
 * By the WHOLE session id: two sessions whose ids share their first digits must never share a
 * name (a name is what a record names its container by until the container exists).
 */
export function containerName(sessionId: string): string {
  return `dillinger_runner_${sessionId}`;
}

export function buildContainerSpec(input: ContainerSpecInput): Docker.ContainerCreateOptions {
  const { request, game, user, x11, wayland, audio } = input;
  const config = request.launchConfig;
  const launch = game.platforms.find((p) => p.platform === request.platform);
  if (!launch) throw new Error(`${game.title} has no ${request.platform} executable`);

  const gpu = planGpuAccess(config.resources, input.facts);
  // The app's own variables; the user's (config.environment) travel prefixed: see game-environment.ts.
  const env: Record<string, string> = {
    ...gpu.env,
    DILLINGER_UID: String(user.uid),
    DILLINGER_GID: String(user.gid),
    DILLINGER_GAME_TITLE: game.title,
  };
  // A Linux game starts in its own folder (or the manifest's workingDirectory inside it), where a
  // store's start.sh expects to be; a Windows game in its .exe's folder (the entrypoint's default).
  if (request.platform === 'linux') {
    env.DILLINGER_WORKDIR = [LIBRARY_MOUNT, game.folder, ...(launch.workingDirectory ? [launch.workingDirectory] : [])].join('/');
  }
  // The game's Wine settings: what the entrypoint applies to the prefix, and WINEDLLOVERRIDES (wine-settings-env.ts).
  Object.assign(env, wineSettingsEnv(request.platform, config, input.facts.displays.x11?.modes));
  // Only the game's own folder (in the library, or where a game installed elsewhere stays), read-only, at its library path.
  const mounts: Docker.MountSettings[] = [{ Type: 'bind', Source: input.gameFolder, Target: `${LIBRARY_MOUNT}/${game.folder}`, ReadOnly: true }];

  if (x11) {
    env.DISPLAY = `:${x11.number}`;
    env.XAUTHORITY = XAUTHORITY_IN_CONTAINER;
    mounts.push(
      { Type: 'bind', Source: x11.socketPath, Target: `${X11_SOCKET_DIR}/X${x11.number}`, ReadOnly: true },
      { Type: 'bind', Source: x11.xauthorityPath, Target: XAUTHORITY_IN_CONTAINER, ReadOnly: true },
    );
  }
  if (wayland) {
    // A plain name in a private runtime dir, as every toolkit expects; the entrypoint makes the link.
    env.WAYLAND_DISPLAY = 'wayland-0';
    env.XDG_RUNTIME_DIR = XDG_RUNTIME_DIR_IN_CONTAINER;
    env.DILLINGER_WAYLAND_SOCKET = WAYLAND_SOCKET_IN_CONTAINER;
    mounts.push({ Type: 'bind', Source: wayland.socketPath, Target: WAYLAND_SOCKET_IN_CONTAINER, ReadOnly: true });
  }
  if (audio) {
    env.PULSE_SERVER = `unix:${PULSE_SOCKET_IN_CONTAINER}`;
    mounts.push({ Type: 'bind', Source: audio.socketPath, Target: PULSE_SOCKET_IN_CONTAINER, ReadOnly: true });
  }
  // The same path as the tmpfs home it replaces, so existing prefixes' links into it now persist.
  if (input.homeFolder) mounts.push({ Type: 'bind', Source: input.homeFolder, Target: GAME_HOME, ReadOnly: false });
  if (request.platform === 'windows' && config.winePrefix) {
    const isPath = config.winePrefix.startsWith('/');
    mounts.push({ Type: isPath ? 'bind' : 'volume', Source: config.winePrefix, Target: WINE_PREFIX_MOUNT, ReadOnly: false });
    // Only the app's own named volume may have its files handed to the game's uid; a host folder never.
    if (!isPath) env.DILLINGER_WINE_PREFIX_SOURCE = 'volume';
    // The volume's user folders (the Windows game's saves) come from a host folder the app can
    // snapshot; the volume again, read-only, lets the entrypoint move an older prefix's users there.
    if (!isPath && input.prefixUsersFolder) {
      mounts.push(
        { Type: 'bind', Source: input.prefixUsersFolder, Target: PREFIX_USERS_MOUNT, ReadOnly: false },
        { Type: 'volume', Source: config.winePrefix, Target: PREFIX_VOLUME_VIEW, ReadOnly: true },
      );
      env.DILLINGER_PREFIX_USERS = 'bound';
    }
  }
  // Every tmpfs (/dev/shm, /tmp, each extra one) is memory the game can fill: together they stay within diskLimit.
  const tmpfs = splitDiskLimit(
    parseDockerSize(config.resources.diskLimit ?? DEFAULT_DISK_LIMIT) ?? 0,
    config.volumes.filter((volume) => volume.type === 'tmpfs').length,
  );
  for (const volume of config.volumes) {
    mounts.push(
      volume.type === 'tmpfs'
        ? { Type: 'tmpfs', Source: '', Target: volume.containerPath, TmpfsOptions: { SizeBytes: tmpfs.each, Mode: 0o1777 } }
        : { Type: volume.type, Source: volume.hostPath, Target: volume.containerPath, ReadOnly: volume.mode === 'ro' },
    );
  }

  const memory = config.resources.memoryLimit ? parseDockerSize(config.resources.memoryLimit) : undefined;
  // An installer or tool runs in the game's prefix instead of the game (program-command.ts).
  const program = request.program && programCommand(request.program, request.program.file ? input.facts.paths[request.program.file]?.realPath : undefined);
  if (program) {
    Object.assign(env, program.env);
    mounts.push(...program.mounts);
  }
  const executable = request.platform === 'windows' && namesPrefixPath(launch.executable)
    ? prefixContainerPath(launch.executable)
    : `${LIBRARY_MOUNT}/${game.folder}/${launch.executable}`;

  return {
    name: containerName(request.sessionId),
    Image: input.image,
    Cmd: [request.platform, ...(program ? program.command : [executable, ...launch.arguments])],
    Env: containerEnv(env, config.environment),
    Labels: {
      [SESSION_LABEL]: request.sessionId,
      [GAME_LABEL]: request.gameId,
      [USER_LABEL]: request.userId,
      ...(input.instanceId ? { [INSTANCE_LABEL]: input.instanceId } : {}),
    },
    Hostname: 'dillinger',
    StopSignal: 'SIGTERM',
    HostConfig: {
      NetworkMode: config.networkMode ?? 'none',
      CapDrop: ['ALL'],
      CapAdd: ENTRYPOINT_CAPABILITIES,
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: PIDS_LIMIT,
      IpcMode: 'private',
      ReadonlyRootfs: true,
      // exec: games and their launchers unpack helpers into /tmp and run them (Docker's default is
      // noexec). It grants nothing a game cannot do from its own folder; nosuid still holds.
      Tmpfs: { [WRITABLE_MOUNT]: `rw,nosuid,nodev,exec,mode=1777,size=${tmpfs.each}` },
      ShmSize: tmpfs.shm,
      Mounts: mounts,
      Devices: gpu.devices,
      ...(gpu.deviceRequests.length > 0 ? { DeviceRequests: gpu.deviceRequests } : {}),
      ...(config.resources.cpuLimit ? { NanoCpus: Math.round(config.resources.cpuLimit * 1e9) } : {}),
      ...(memory ? { Memory: memory, MemorySwap: memory } : {}),
    },
  };
}
