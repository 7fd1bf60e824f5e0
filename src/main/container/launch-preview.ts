// What Docker would be told for a launch request, for the settings form's "Preview container":
// the same pure spec the launch uses, with the session's private files shown by their place only.
import type Docker from 'dockerode';
import type { ContainerPreview } from '../../shared/contract/contract';
import { X11_DISPLAY_PATTERN } from '../../shared/model/entities';
import { formatBytes } from '../../shared/model/sizes';
import { DEFAULT_NESTED_RESOLUTION } from '../display/nested-x-server';
import { readHostWayland, type HostWayland } from '../display/wayland-display';
import { buildContainerSpec, type ContainerSpecInput } from './container-spec';
import { environmentAsTheGameGetsIt } from './game-environment';
import { sessionAttachments } from './session-attachments';
import { describeWineSettings } from './wine-settings-preview';

/** Stands for the session's 0700 runtime dir, which only exists once the session does. */
export const RUNTIME_DIR_PLACEHOLDER = '<session runtime dir>';
/** Stands for an isolated game's nested display number, which Xephyr picks when the session starts. */
export const NESTED_NUMBER_PLACEHOLDER = '<n>';

/** What the launch's spec is built from, less the session's own files; `user` as the launch is given it. */
export interface PreviewInput extends Pick<ContainerSpecInput, 'request' | 'game' | 'facts' | 'image' | 'gameFolder' | 'user' | 'homeFolder' | 'prefixUsersFolder'> {
  /** The app's environment: where a Wayland request's socket (and its owner) is read, as the launch reads it. */
  env?: NodeJS.ProcessEnv;
  /** The host's Wayland display with its owner; read from `env` when absent. */
  wayland?: HostWayland;
  /** The uid the app runs as; the process's own when absent. */
  appUid?: number;
}

/**
 * The container the launch would create for the request: the same attachments (display, sound) and
 * the same game user, with RUNTIME_DIR_PLACEHOLDER where the session's runtime dir will be. Sound is
 * shown when it is asked for and the host facts found a sound server (the launch's own sound server
 * then offers its socket; if that fails, the session warns and plays without sound).
 */
export function previewContainer(input: PreviewInput): ContainerPreview {
  const { request, facts } = input;
  const x11Display = facts.displays.x11;
  const number = x11Display ? X11_DISPLAY_PATTERN.exec(x11Display.displayId)?.[1] : undefined;
  const wayland = request.launchConfig.displayMode === 'wayland' ? input.wayland ?? readHostWayland(input.env ?? {}) : undefined;
  // Isolated: the container gets the nested display's socket and its own cookie, never the user's, as the launch does.
  const isolated = request.launchConfig.displayMode === 'x11' && request.launchConfig.displayIsolation === 'isolated';
  const shownX11 = isolated
    ? { number: NESTED_NUMBER_PLACEHOLDER, socketPath: `/tmp/.X11-unix/X${NESTED_NUMBER_PLACEHOLDER}` }
    : x11Display && number !== undefined ? { number, socketPath: x11Display.socketPath } : undefined;
  const attachments = sessionAttachments({
    request,
    runtimeDir: RUNTIME_DIR_PLACEHOLDER,
    host: {
      ...(shownX11 ? { x11: shownX11 } : {}),
      ...(wayland ? { wayland } : {}),
      sound: facts.sound?.server !== undefined,
    },
    appUid: input.appUid ?? process.getuid?.() ?? 0,
    user: input.user,
  });
  const spec = buildContainerSpec({
    request,
    game: input.game,
    facts,
    image: input.image,
    gameFolder: input.gameFolder,
    ...(input.homeFolder ? { homeFolder: input.homeFolder } : {}),
    ...(input.prefixUsersFolder ? { prefixUsersFolder: input.prefixUsersFolder } : {}),
    ...attachments,
  });
  const display = isolated ? nestedDisplayLine(request.launchConfig.resolution, request.launchConfig.fullscreen === true, x11Display?.displayId) : undefined;
  return { ...describeSpec(spec), ...(display ? { display } : {}) };
}

/** What an isolated game's display is, in plain terms: the preview cannot name its number, the launch picks it. */
function nestedDisplayLine(resolution: string | undefined, fullscreen: boolean, userDisplay: string | undefined): string {
  const on = userDisplay ? `on your display ${userDisplay}` : 'on your display';
  return `The game's own display: Xephyr at ${resolution ?? DEFAULT_NESTED_RESOLUTION}${fullscreen ? ', fullscreen' : ' in a window'} ${on}, `
    + `its number (${NESTED_NUMBER_PLACEHOLDER}) chosen at launch, with a cookie of its own. The container gets only its socket, never ${userDisplay ?? 'your display'}'s.`;
}

/** The parts of a container spec a person can judge, in plain terms. */
export function describeSpec(spec: Docker.ContainerCreateOptions): ContainerPreview {
  const host = spec.HostConfig ?? {};
  // The user's variables under their own names, as the game gets them (they travel prefixed).
  const environment = environmentAsTheGameGetsIt(spec.Env ?? []);
  const wineSettings = describeWineSettings(environment);
  // Every tmpfs with its size, in the Source column ("memory, 16 MiB"); together they are the disk limit.
  const sized = [
    ...Object.entries(host.Tmpfs ?? {}).map(([target, options]) => ({ target, bytes: Number(/(?:^|,)size=(\d+)/.exec(options)?.[1] ?? 0) })),
    ...(host.ShmSize ? [{ target: '/dev/shm', bytes: host.ShmSize }] : []),
  ];
  const tmpfs = sized.map(({ target, bytes }) => ({ type: 'tmpfs', source: inMemory(bytes), target, readOnly: false }));
  const extraTmpfsBytes = (host.Mounts ?? []).reduce((sum, m) => sum + (m.Type === 'tmpfs' ? (m.TmpfsOptions?.SizeBytes ?? 0) : 0), 0);
  const diskSize = sized.reduce((sum, { bytes }) => sum + bytes, extraTmpfsBytes);
  return {
    image: spec.Image ?? '',
    command: Array.isArray(spec.Cmd) ? spec.Cmd : spec.Cmd ? [spec.Cmd] : [],
    user: environment.DILLINGER_UID !== undefined ? `${environment.DILLINGER_UID}:${environment.DILLINGER_GID ?? ''}` : 'root',
    environment,
    mounts: [
      ...(host.Mounts ?? []).map((m) => ({
        type: m.Type,
        source: m.Type === 'tmpfs' ? inMemory(m.TmpfsOptions?.SizeBytes ?? 0) : m.Source ?? '',
        target: m.Target,
        readOnly: m.ReadOnly ?? false,
      })),
      ...tmpfs,
    ],
    devices: [
      ...(host.Devices ?? []).map((d: Docker.DeviceMapping) => d.PathOnHost ?? ''),
      ...(host.DeviceRequests ?? []).map((r) => `${r.Driver ?? 'gpu'}: ${r.DeviceIDs?.join(', ') ?? (r.Count === -1 ? 'all GPUs' : `${r.Count ?? 0} GPU(s)`)}`),
    ],
    ...(host.NanoCpus ? { cpuLimit: host.NanoCpus / 1e9 } : {}),
    ...(host.Memory ? { memoryLimitBytes: host.Memory } : {}),
    ...(diskSize ? { diskLimitBytes: diskSize } : {}),
    networkMode: host.NetworkMode ?? 'default',
    capabilities: host.CapAdd ?? [],
    securityOptions: [...(host.SecurityOpt ?? []), ...(host.ReadonlyRootfs ? ['read-only root file system'] : []), ...(host.CapDrop?.includes('ALL') ? ['all other capabilities dropped'] : [])],
    ...(wineSettings.length > 0 ? { wineSettings } : {}),
  };
}

/** A tmpfs's source as a person reads it; 0 would be a tmpfs without a limit. */
function inMemory(bytes: number): string {
  return bytes > 0 ? `memory, ${formatBytes(bytes)}` : 'memory, no limit';
}
