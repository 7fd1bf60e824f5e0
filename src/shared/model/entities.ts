// The entities of the upstream data model (shared/data-model.md), field names exactly as there.
// These schemas check SHAPE only: types, enumerations and formats that need no knowledge of the host.
// Rules that depend on the machine (does the game exist, is 8G more than this host has, ...) are pure
// functions of HostFacts in ../validation, so the renderer's forms and the core run the same code.
//
// Dates are carried as ISO-8601 strings (the JSON form of the model's `Date`), because every entity
// crosses JSON: files on disk, IPC and the WebSocket transport.
import { z } from 'zod';
import { WineSettings } from './wine-settings';
import { DOCKER_MIN_MEMORY_BYTES, bareNumberAdvice, parseDockerSize } from './sizes';
import { MIN_DISK_LIMIT_BYTES } from './tmpfs-budget';
import { SESSION_STATUSES } from './session-states';
import { PrefixProgram, sessionKind } from './prefix-program';
import { runnerImageReference } from '../validation/runner-image';

export const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date and time, such as 2025-10-29T14:30:00Z' });

/** `sess_` followed by a UUID, as in the data model's examples. */
export const SESSION_ID_PATTERN = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const sessionId = z
  .string()
  .regex(SESSION_ID_PATTERN, 'must look like sess_<uuid>, for example sess_7f9e2b4a-1234-5678-9abc-def012345678');

/** Game ids: the library folder's manifest id, e.g. `game_diablo_pc_12345` or a UUID. */
export const GAME_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const gameId = z
  .string()
  .regex(GAME_ID_PATTERN, 'must be 1-128 letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const userId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  // `*`, not `+`: an empty id is already "must not be empty", not also "contains slashes".
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  .regex(/^[^\u0000-\u001f/\\]*$/, 'must not contain control characters or slashes');

export const platform = z.enum(['windows', 'linux'], { error: "must be 'windows' or 'linux'" });
export const displayMode = z.enum(['x11', 'wayland'], { error: "must be 'x11' or 'wayland'" });

/** A size in Docker's grammar (`512m`, `4G`, `1.5g`, `4GiB`). */
export const dockerSize = z.string().refine((text) => parseDockerSize(text) !== undefined, {
  error: (issue) =>
    `"${String(issue.input)}" is not a size Docker understands: use a number with an optional unit, such as 512m, 4G, 1.5g or 4GiB`,
});

/** The smallest cpuLimit Docker accepts. */
export const DOCKER_MIN_CPUS = 0.01;

export const ResourceLimits = z.strictObject({
  cpuLimit: z
    .number({ error: 'must be a number of CPU cores, such as 2 or 1.5' })
    // Docker refuses less (NanoCpus under 10,000,000) with a raw runtime error.
    .min(DOCKER_MIN_CPUS, 'Docker cannot give a container less than 0.01 CPU cores: use 0.01 or more, such as 0.5 or 2')
    .optional(),
  memoryLimit: dockerSize
    // A size that does not parse was already reported above: this rule only judges real sizes.
    .refine((text) => (parseDockerSize(text) ?? DOCKER_MIN_MEMORY_BYTES) >= DOCKER_MIN_MEMORY_BYTES, {
      error: (issue) => {
        const bare = bareNumberAdvice(String(issue.input), DOCKER_MIN_MEMORY_BYTES, '2G');
        return bare ? `Memory limit ${bare} (Docker refuses less than 6 MiB; games usually need 1G or more)` : 'Docker refuses memory limits under 6 MiB: use at least 6m (games usually need 1G or more)';
      },
    })
    .optional(),
  gpuAccess: z.enum(['none', 'shared', 'dedicated'], { error: "must be 'none', 'shared' or 'dedicated'" }),
  gpuDevices: z.array(z.string().min(1, 'a GPU device id must not be empty')).optional(),
  diskLimit: dockerSize
    .refine((text) => (parseDockerSize(text) ?? MIN_DISK_LIMIT_BYTES) >= MIN_DISK_LIMIT_BYTES, {
      error: (issue) => {
        const bare = bareNumberAdvice(String(issue.input), MIN_DISK_LIMIT_BYTES, '2G');
        return `${bare ? `Disk limit ${bare}` : 'must be at least 4m: use a size such as 2G'} (it holds the game's /tmp, its HOME and /dev/shm)`;
      },
    })
    .optional(),
});
export type ResourceLimits = z.infer<typeof ResourceLimits>;

export const VolumeMount = z.strictObject({
  hostPath: z.string({ error: 'must be a path on this computer (or a volume name for type volume)' }),
  containerPath: z.string({ error: 'must be an absolute path inside the container' }),
  mode: z.enum(['ro', 'rw'], { error: "must be 'ro' (read-only) or 'rw' (read-write)" }),
  type: z.enum(['bind', 'volume', 'tmpfs'], { error: "must be 'bind', 'volume' or 'tmpfs'" }),
});
export type VolumeMount = z.infer<typeof VolumeMount>;

/** Environment variable names as a POSIX shell accepts them. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Network modes a runner container may use. Not in the upstream model; `none` unless the user asks. */
export const networkMode = z.enum(['none', 'bridge', 'host'], { error: "must be 'none', 'bridge' or 'host'" });

export const RESOLUTION_PATTERN = /^([1-9]\d{1,4})x([1-9]\d{1,4})$/;
export const resolution = z.string().regex(RESOLUTION_PATTERN, 'must be WIDTHxHEIGHT in pixels, such as 1920x1080');
/** The largest resolution a launch may ask for, each way (X11's own limit is 32767). */
export const MAX_RESOLUTION_SIDE = 16384;
/** A launch's resolution: the recorded form, and no side above MAX_RESOLUTION_SIDE. */
export const launchResolution = z.string().superRefine((text, ctx) => {
  const match = RESOLUTION_PATTERN.exec(text);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `must be WIDTHxHEIGHT in pixels, such as 1920x1080, each side from 10 to ${MAX_RESOLUTION_SIDE}` });
  } else if (Number(match[1]) > MAX_RESOLUTION_SIDE || Number(match[2]) > MAX_RESOLUTION_SIDE) {
    ctx.addIssue({
      code: 'custom',
      message: `${text} is larger than the app allows (${MAX_RESOLUTION_SIDE} pixels each way; X11 itself stops at 32767): pick a resolution such as 3840x2160`,
    });
  }
});
export const refreshRate = z
  .number({ error: 'must be a number of Hz' })
  .min(30, 'must be at least 30 Hz')
  .max(240, 'must be at most 240 Hz');

export const LaunchConfiguration = z.strictObject({
  winePrefix: z.string().min(1, 'must not be empty: give a folder path or a volume name').optional(),
  displayMode,
  resources: ResourceLimits,
  // The upstream example omits `volumes`: absent means no extra mounts.
  environment: z.record(z.string(), z.string({ error: 'must be text' })).default({}),
  volumes: z.array(VolumeMount).default([]),
  audioEnabled: z.boolean({ error: 'must be true or false' }),
  // Extensions beyond the upstream model, all optional so its examples parse unchanged.
  resolution: launchResolution.optional(),
  refreshRate: refreshRate.optional(),
  networkMode: networkMode.optional(),
  /** Windows games only: see wine-settings.ts. */
  wine: WineSettings.optional(),
  /** The game's own runner image (another Wine or Proton build); absent: the built-in one. See runner-image.ts. */
  runnerImage: runnerImageReference.optional(),
  /** x11 only: 'isolated' draws the game on a nested X server of its own (absent: 'shared', the user's display). */
  displayIsolation: z.enum(['shared', 'isolated'], { error: "must be 'shared' or 'isolated'" }).optional(),
  /** With displayIsolation 'isolated': the nested display fills the screen instead of a window. */
  fullscreen: z.boolean({ error: 'must be true or false' }).optional(),
});
export type LaunchConfiguration = z.infer<typeof LaunchConfiguration>;

export const GameLaunchRequest = z.strictObject({
  gameId,
  userId,
  platform,
  launchConfig: LaunchConfiguration,
  sessionId,
  timestamp: isoDate,
  /** Extension: an installer or tool run in the game's Wine prefix instead of the game (prefix-program.ts). */
  program: PrefixProgram.optional(),
});
export type GameLaunchRequest = z.infer<typeof GameLaunchRequest>;
/** What a caller sends before defaults are applied (e.g. `volumes` may be absent). */
export type GameLaunchRequestInput = z.input<typeof GameLaunchRequest>;

export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const X11_DISPLAY_PATTERN = /^(?:[A-Za-z0-9.-]*|unix):(\d{1,4})(?:\.(\d{1,2}))?$/;
export const WAYLAND_DISPLAY_PATTERN = /^(?:\/[^\0]+|[A-Za-z0-9_.-]{1,100})$/;

export const DisplayConfiguration = z
  .strictObject({
    method: displayMode,
    displayId: z.string().min(1, 'must not be empty'),
    resolution: resolution.optional(),
    refreshRate: refreshRate.optional(),
    socketPath: z.string().startsWith('/', 'must be an absolute path').optional(),
    authToken: z.string().optional(),
  })
  .superRefine((display, ctx) => {
    // Runs even when other fields failed: judge the id only against a known method.
    if (typeof display.displayId !== 'string' || display.displayId === '') return; // empty: reported by min(1)
    if (display.method !== 'x11' && display.method !== 'wayland') return;
    const pattern = display.method === 'x11' ? X11_DISPLAY_PATTERN : WAYLAND_DISPLAY_PATTERN;
    if (!pattern.test(display.displayId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['displayId'],
        message:
          display.method === 'x11'
            ? `"${display.displayId}" is not an X11 display: use the form :N or host:N, such as :0`
            : `"${display.displayId}" is not a Wayland display: use a socket name such as wayland-0, or an absolute socket path`,
      });
    }
  });
export type DisplayConfiguration = z.infer<typeof DisplayConfiguration>;

const percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const bytes = z.number().min(0, 'must not be negative');

export const ResourceUsage = z.strictObject({
  cpuPercent: percent,
  memoryUsed: bytes,
  memoryPercent: percent,
  gpuUsage: percent.optional(),
  gpuMemoryUsed: bytes.optional(),
  // Required by the model, yet its own RunnerSession example omits it: absent means "not sampled yet".
  diskUsage: bytes.optional(),
  timestamp: isoDate,
});
export type ResourceUsage = z.infer<typeof ResourceUsage>;

/** Docker accepts a container's full or short hex id, or its name. */
export const CONTAINER_REF_PATTERN = /^(?:[0-9a-f]{12,64}|[A-Za-z0-9][A-Za-z0-9_.-]{0,254})$/;

/** The GPU access a session's container really got (not in the upstream model; recorded at `starting`). */
export const GpuAssignment = z.strictObject({
  gpuAccess: ResourceLimits.shape.gpuAccess,
  /** Host device nodes mapped into the container (/dev/dri/cardN, /dev/dri/renderDN). */
  devices: z.array(z.string()),
  /** NVIDIA GPUs handed over by the NVIDIA Container Toolkit: `all`, or their UUIDs. */
  nvidia: z.array(z.string()).optional(),
  /** Groups the game runs in so it may open those nodes (the groups that own them on the host). */
  groups: z.array(z.number().int().positive()).optional(),
  /** Why the container got less than the setting asked for (e.g. NVIDIA GPUs without the toolkit). */
  note: z.string().optional(),
});
export type GpuAssignment = z.infer<typeof GpuAssignment>;

/** The sound a session's container really got (not in the upstream model; recorded at `starting`). */
export const AudioAssignment = z.strictObject({
  /** True when the container got a sound server of its own, in front of the host's (PULSE_SERVER is set in it). */
  enabled: z.boolean(),
  /** That socket on the host, in the session's private runtime folder. */
  socketPath: z.string().startsWith('/', 'must be an absolute path').optional(),
  /** The host's sound server it plays into, as PULSE_SERVER names it (unix:/run/user/1000/pulse/native). */
  server: z.string().optional(),
});
export type AudioAssignment = z.infer<typeof AudioAssignment>;

/** Launch steps a session may be in beside its status (not in the upstream model). */
export const LAUNCH_PHASES = ['preparing-prefix'] as const;
export const launchPhase = z.enum(LAUNCH_PHASES, { error: "must be 'preparing-prefix'" });
export type LaunchPhase = z.infer<typeof launchPhase>;

/**
 * Why a failed or crashed session ended, as a kind the renderer turns into advice (never by reading
 * `statusReason`, which is for people). Not in the upstream model.
 */
export const FAILURE_KINDS = [
  'image-build', // the runner image could not be built or found
  'engine-unreachable', // the Docker engine did not answer (or stopped while the game ran)
  'out-of-memory', // killed at the memory limit
  'exit-code', // the game ended with an error exit status
  'display-unavailable', // no usable X11 or Wayland display for the container
  'not-startable', // Wine cannot start the program (32-bit, not a program, a DLL missing)
  'runner-image', // the game's own runner image is not on this machine, or is no Dillinger runner
  'interrupted', // the app closed while the launch went on
  'container-gone', // the container vanished (removed outside the app)
  'stopped-before-start', // a Stop came before the game started
  'prepare', // anything else before the game could start (its folder, Docker refusing the container)
] as const;
export const failureKind = z.enum(FAILURE_KINDS, { error: `must be one of ${FAILURE_KINDS.join(', ')}` });
export type FailureKind = z.infer<typeof failureKind>;

export const SessionSavesSnapshot = z.strictObject({
  status: z.enum(['created', 'unchanged', 'failed']),
  snapshotId: z.string().regex(/^snap_[0-9A-Za-z_]+$/, 'must be a snapshot id').optional(),
  /** When the snapshot it names was taken. */
  snapshotAt: isoDate.optional(),
  filesChanged: z.number().int().nonnegative().optional(),
  bytesAdded: z.number().int().nonnegative().optional(),
  error: z.string().max(2000).optional(),
});
export type SessionSavesSnapshot = z.infer<typeof SessionSavesSnapshot>;

export const RunnerSession = z.strictObject({
  sessionId,
  containerId: z.string().regex(CONTAINER_REF_PATTERN, 'must be a Docker container id or name'),
  gameId,
  userId,
  status: SessionStatus,
  startTime: isoDate,
  lastActivity: isoDate.optional(),
  displayInfo: DisplayConfiguration,
  resourceUsage: ResourceUsage.optional(),
  processId: z.number().int().positive().optional(),
  // Extensions beyond the upstream model, all optional so its examples parse unchanged.
  platform: platform.optional(),
  /** When the session reached a terminal state; decides its history/{YYYY-MM-DD} folder. */
  endTime: isoDate.optional(),
  exitCode: z.number().int().optional(),
  /** Why the session ended as it did (a crash reason, Docker's message on failure). */
  statusReason: z.string().optional(),
  /** What kind of failure that was (failed or crashed sessions only), for advice. */
  failureKind: failureKind.optional(),
  /** What GPU access the container got: devices, NVIDIA GPUs, groups. */
  gpuInfo: GpuAssignment.optional(),
  /** What sound the container got: its own socket, or none (warnings then say why). */
  audioInfo: AudioAssignment.optional(),
  /** What the player should know about a session that runs anyway (no sound server, ...). */
  warnings: z.array(z.string()).optional(),
  /**
   * A step of the launch that `status` does not tell, while it lasts: 'preparing-prefix' while Wine
   * makes a new prefix (a Windows game's first start; the game is not on screen yet). Absent otherwise.
   */
  phase: launchPhase.optional(),
  /** When that phase began (absent with it). */
  phaseSince: isoDate.optional(),
  /** What the session ran: the game (absent means play), an installer or a tool in its Wine prefix. */
  kind: sessionKind.optional(),
  /** File name of the session's last picture (a thumbnail kept while it was watched), beside its records. */
  picture: z.string().regex(/^sess_[0-9a-f-]+\.png$/, 'must be a session picture file name').optional(),
  /**
   * What the snapshot of the game's saves taken at this session's end did: 'created' (snapshotId, with
   * filesChanged and bytesAdded against the one before), 'unchanged' (nothing changed since snapshotId,
   * absent when there was nothing to save) or 'failed' (error says why, the saves stay in the game's
   * home). Absent: no snapshot was taken (a game with no saves, or not yet). Set once, after the record
   * is final: the one amendment the store allows to a final record (session-store.ts).
   */
  savesSnapshot: SessionSavesSnapshot.optional(),
});
export type RunnerSession = z.infer<typeof RunnerSession>;
