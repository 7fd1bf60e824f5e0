// THE API between the renderer and the core, declared once. Electron's IPC (src/main/transport/electron-ipc),
// the preload's client and the WebSocket transport are all built from this object: adding a method
// here is the only way to add one anywhere.
import { z } from 'zod';
import { LaunchConfiguration, ResourceUsage, RunnerSession, SessionStatus, gameId, isoDate, platform, sessionId, userId, type GameLaunchRequestInput } from '../model/entities';
import { GameManifest, LibraryGame, LibrarySnapshot, PlatformLaunch } from '../library/manifest';
import { HostFacts } from '../validation/host-facts';
import { EngineStatus } from './engine-status';
import { PrefixProgramList, wineTool } from '../model/prefix-program';
import { launchArguments } from '../library/launch-arguments';
import { RestoreOutcome, SavesChanged, SavesFolder, SnapshotDiffInfo, SnapshotInfo, snapshotId } from './saves-contract';

const Problem = z.object({ path: z.string(), message: z.string() });

const noInput = z.undefined({ error: 'takes no arguments' });

const absolutePath = z.string().startsWith('/', 'must be an absolute path').max(4096).refine((p) => !p.includes('\0'), {
  error: 'must not contain NUL',
});

export const SessionFilter = z.strictObject({
  status: z.union([SessionStatus, z.array(SessionStatus).min(1)]).optional(),
  userId: userId.optional(),
  gameId: gameId.optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  offset: z.number().int().min(0).optional(),
});
export type SessionFilter = z.infer<typeof SessionFilter>;

/** A launch request as a caller sends it: sessionId and timestamp may be left out, the core fills them in. */
export type LaunchRequestDraft = Omit<GameLaunchRequestInput, 'sessionId' | 'timestamp'> & Partial<Pick<GameLaunchRequestInput, 'sessionId' | 'timestamp'>>;
/**
 * Typed here, checked by the core's launch check (every problem at once, against this machine), so
 * the contract only asks for an object: a form's half-filled request gets all its problems back.
 */
const launchRequestDraft = z.custom<LaunchRequestDraft>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: 'a launch request must be an object with gameId, userId, platform and launchConfig',
});

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

export const AppInfo = z.object({
  dataDir: z.string(),
  libraryDir: z.string(),
  /** Things the user should know that did not stop the app: files set aside, settings that could not be read. */
  warnings: z.array(z.string()),
  /** True in the Electron app, where host.pickPath opens the system's file dialog; a browser types paths. */
  canPickPaths: z.boolean(),
  /** Who plays: the userId the window puts in launch requests (the account the app runs as). */
  userId: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HostMetrics = z.object({
  timestamp: z.string(),
  cpuPercent: z.number(),
  memoryUsed: z.number(),
  memoryTotal: z.number(),
  /** One per GPU (empty on a host without one). */
  gpus: z.array(z.object({
    vendor: z.string(),
    name: z.string(),
    index: z.number().optional(),
    node: z.string().optional(),
    utilizationPercent: z.number(),
    memoryUsedBytes: z.number().optional(),
    memoryTotalBytes: z.number().optional(),
  })),
});

/**
 * Per game: when it was last played and for how long in all (from the session history). Only
 * sessions whose game ran count: a failed launch, or a crash before the program started, is no play.
 */
export const GamePlayStats = z.object({
  sessionCount: z.number().int(),
  /** Seconds between start and end (or now, while running), summed over its sessions. */
  totalPlaySeconds: z.number(),
  lastPlayed: z.string().optional(),
});
export type GamePlayStats = z.infer<typeof GamePlayStats>;

/** A game's saved launch settings (or the defaults when none were saved). */
export const GameSettings = z.object({
  gameId: z.string(),
  platform,
  launchConfig: LaunchConfiguration,
  /** False when these are the defaults: nothing was saved for the game yet. */
  saved: z.boolean(),
  updatedAt: z.string().optional(),
});
export type GameSettings = z.infer<typeof GameSettings>;

/** What Docker would be told for a launch request: the effective container settings, cookies left out. */
export const ContainerPreview = z.object({
  image: z.string(),
  command: z.array(z.string()),
  user: z.string(),
  environment: z.record(z.string(), z.string()),
  mounts: z.array(z.object({ type: z.string(), source: z.string(), target: z.string(), readOnly: z.boolean() })),
  devices: z.array(z.string()),
  cpuLimit: z.number().optional(),
  memoryLimitBytes: z.number().optional(),
  diskLimitBytes: z.number().optional(),
  networkMode: z.string(),
  capabilities: z.array(z.string()),
  securityOptions: z.array(z.string()),
  /** A Windows game's Wine settings as the container applies them (absent: none). */
  wineSettings: z.array(z.object({ setting: z.string(), value: z.string() })).optional(),
  /** An isolated game's nested display, in plain terms (absent: the game gets the display the mounts show). */
  display: z.string().optional(),
});
export type ContainerPreview = z.infer<typeof ContainerPreview>;

/** The app's settings as the Settings screen edits them: every value effective (defaults filled in). */
export const AppSettings = z.object({
  libraryDir: z.string(),
  dataDir: z.string(),
  allowedHostDirectories: z.array(z.string()),
  maxConcurrentSessions: z.number().int(),
  dockerEndpoint: z.string(),
  metricsRetentionDays: z.number().int(),
  /** Empty: the app builds and uses its own dillinger-runner:local. */
  runnerImage: z.string(),
  /** Snapshots of each game's saves always kept: the newest N. Applies at the next session's end. */
  savesKeepLast: z.number().int(),
  /** Days for which each day's newest snapshot is kept too (0: none). */
  savesKeepDays: z.number().int(),
  /** Saved settings the running app does not use yet: they apply after a restart (shown above as saved). */
  restartNeeded: z.array(z.string()),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const AppSettingsChange = z.strictObject({
  libraryDir: z.string().optional(),
  allowedHostDirectories: z.array(z.string()).optional(),
  maxConcurrentSessions: z.number().optional(),
  dockerEndpoint: z.string().optional(),
  metricsRetentionDays: z.number().optional(),
  runnerImage: z.string().optional(),
  savesKeepLast: z.number().optional(),
  savesKeepDays: z.number().optional(),
});

export const methods = {
  'app.info': method(noInput, AppInfo, 'Where the app keeps its data, and warnings from start-up.'),
  'library.list': method(noInput, LibrarySnapshot, 'The games in the library, and the folders that could not be read.'),
  'host.facts': method(
    z.strictObject({ paths: z.array(absolutePath).max(64).default([]) }).optional(),
    HostFacts,
    'What validation needs to know about this machine, with facts about the given paths.',
  ),
  'launch.validate': method(
    z.strictObject({ request: launchRequestDraft }),
    z.object({ ok: z.boolean(), problems: z.array(Problem) }),
    'Every problem of a launch request against this machine, at once.',
  ),
  'library.add': method(
    z.strictObject({
      /** The game's folder: inside the library folder (its files stay where they are). */
      folder: absolutePath,
      title: GameManifest.shape.title,
      platforms: GameManifest.shape.platforms,
      id: gameId.optional(),
    }),
    LibraryGame,
    "Adds a game: writes its game.json into its folder in the library (an id is made from the title when none is given).",
  ),
  'library.update': method(
    z.strictObject({ gameId, title: GameManifest.shape.title.optional(), platforms: z.array(PlatformLaunch).min(1).optional(), cover: z.string().nullable().optional() }),
    LibraryGame,
    "Changes a game's title, executables or cover in its game.json.",
  ),
  'library.remove': method(
    z.strictObject({ gameId, deleteFiles: z.boolean().default(false) }),
    z.object({ gameId: z.string(), folder: z.string(), filesDeleted: z.boolean() }),
    "Removes a game from the library. Its files stay (its game.json is set aside) unless deleteFiles is true.",
  ),
  'library.cover': method(
    z.strictObject({ gameId }),
    z.object({ dataUrl: z.string().nullable() }),
    "A game's cover image as a data: URL (png, jpeg, webp or gif, at most 4 MiB), or null when it has none.",
  ),
  'library.stats': method(noInput, z.record(z.string(), GamePlayStats), 'Per game id: sessions, total play time and last played, from the session history.'),
  'games.settings.get': method(z.strictObject({ gameId }), GameSettings, "A game's saved launch settings, or the defaults for this machine."),
  'games.settings.save': method(
    z.strictObject({ gameId, platform, launchConfig: z.unknown() }),
    GameSettings,
    "Saves a game's launch settings after checking them against this machine (invalid_payload with every problem otherwise).",
  ),
  'games.settings.reset': method(z.strictObject({ gameId }), GameSettings, "Forgets a game's saved settings: answers the defaults."),
  'launch.preview': method(
    z.strictObject({ request: launchRequestDraft }),
    z.object({ ok: z.boolean(), problems: z.array(Problem), container: ContainerPreview.optional() }),
    'The container a launch request would get (image, command, mounts, devices, limits, network), or its problems.',
  ),
  'settings.get': method(noInput, AppSettings, "The app's settings, defaults filled in."),
  'settings.save': method(
    AppSettingsChange,
    z.object({ settings: AppSettings, restartNeeded: z.array(z.string()) }),
    'Changes settings (invalid_payload with every problem otherwise); restartNeeded names those that apply after a restart.',
  ),
  'host.pickPath': method(
    z.strictObject({ kind: z.enum(['folder', 'file']), title: z.string().max(200).optional(), defaultPath: absolutePath.optional() }),
    z.object({ path: z.string().nullable() }),
    "Opens the system's file dialog (Electron only; a browser answers unavailable): the chosen path, or null when cancelled.",
  ),
  'sessions.list': method(SessionFilter.optional(), z.array(RunnerSession), 'Sessions, newest first, filtered.'),
  'sessions.get': method(z.strictObject({ sessionId }), RunnerSession, 'One session by id.'),
  'sessions.launch': method(
    z.strictObject({ request: launchRequestDraft }),
    RunnerSession,
    'Validates a launch request against this machine, records the session as requested and answers with it at once; the game starts in the background (watch session.changed). sessionId and timestamp may be left out. A game already running answers with its running session.',
  ),
  'sessions.play': method(
    z.strictObject({ gameId, platform: platform.optional() }),
    RunnerSession,
    "Play: launches a game with its saved settings (or this machine's defaults), on its saved platform unless one is given, as the account the app runs as; answers as sessions.launch does.",
  ),
  'sessions.install': method(
    z.strictObject({ gameId, file: absolutePath, arguments: launchArguments.default([]) }),
    RunnerSession,
    "Runs a setup file (.exe, or .msi through msiexec) in the game's Wine prefix, in a session of kind install (its file must lie in an allowed folder; mounted read-only); answers as sessions.launch does. Then games.prefixPrograms lists what it created.",
  ),
  'sessions.runTool': method(
    z.strictObject({ gameId, tool: wineTool.optional(), file: absolutePath.optional(), arguments: launchArguments.default([]) }),
    RunnerSession,
    "Runs one of Wine's tools (winecfg, regedit, ...) or a picked .exe (a patch) in the game's Wine prefix, in a session of kind tool; answers as sessions.launch does.",
  ),
  'games.prefixPrograms': method(
    z.strictObject({ sessionId }),
    PrefixProgramList,
    "The programs an install or tool session created in the game's prefix (its Start-menu shortcuts' programs, then the new .exe files); complete once the session has ended.",
  ),
  'games.choosePrefixProgram': method(
    z.strictObject({ gameId, executable: z.string().max(1024), arguments: launchArguments.default([]) }),
    LibraryGame,
    "Makes a program in the game's Wine prefix (C:\\...) the one Play starts: written as the game's Windows executable in its game.json.",
  ),
  'sessions.stop': method(
    z.strictObject({ sessionId, force: z.boolean().default(false) }),
    RunnerSession,
    'Stops a session: SIGTERM, a grace period, then SIGKILL; with force, SIGKILL at once.',
  ),
  'sessions.logs': method(
    z.strictObject({ sessionId, maxBytes: z.number().int().min(1).max(2 * 1024 * 1024).default(64 * 1024) }),
    z.object({ text: z.string(), truncated: z.boolean() }),
    "The end of a session's output (follow it live with session.log).",
  ),
  'sessions.watchPicture': method(
    z.strictObject({ sessionId, leaseId: z.uuid().optional() }),
    z.object({ leaseId: z.string(), leaseMs: z.number() }),
    "Starts watching a running session's picture (or renews the lease leaseId): thumbnails come about once a second as session.picture events while any lease lives; call again with the leaseId before leaseMs passes to keep it.",
  ),
  'sessions.unwatchPicture': method(
    z.strictObject({ sessionId, leaseId: z.uuid() }),
    z.object({ ok: z.boolean() }),
    "Ends one lease on a session's picture now; the capture stops when no lease is left.",
  ),
  'sessions.screenshot': method(
    z.strictObject({ sessionId }),
    z.object({ file: z.string(), width: z.number(), height: z.number() }),
    "Saves a full-size PNG of a running session's picture beside its records; answers the file's name.",
  ),
  'sessions.picture': method(
    z.strictObject({ sessionId }),
    z.object({ dataUrl: z.string().nullable() }),
    "A session's last picture (kept while it was watched) as a data: URL, or null when it has none.",
  ),
  'saves.list': method(z.strictObject({ gameId }), z.array(SnapshotInfo), "A game's save snapshots, newest first: when, why (after which session), size and files changed."),
  'saves.diff': method(z.strictObject({ gameId, snapshotId }), SnapshotDiffInfo, "A snapshot's files against the game's current saves: added since, removed since, changed."),
  'saves.restore': method(
    z.strictObject({ gameId, snapshotId }),
    RestoreOutcome,
    "Brings a snapshot's saves back; first snapshots the current saves (undoSnapshotId), so a restore can be undone. Refused (conflict) while a session of the game is live.",
  ),
  'saves.export': method(
    z.strictObject({ gameId, snapshotId, path: absolutePath }),
    z.object({ path: z.string(), bytes: z.number() }),
    "Writes one snapshot as a .tar archive at path: a new file in an allowed folder or the data dir's exports folder (never over an existing file).",
  ),
  'saves.import': method(
    z.strictObject({ gameId, path: absolutePath }),
    SnapshotInfo,
    "Adds the snapshot in an exported archive (in an allowed folder or the data dir's exports folder) to the game's snapshots; an archive with escaping paths, links, devices or too big is refused and nothing is written. Restore it to use it.",
  ),
  'saves.folder': method(
    z.strictObject({ gameId }),
    SavesFolder,
    "Where a game's saves folder (its home) is, whether its first session has made it yet, and whether the app can open it in the file manager (canOpen: the Electron window).",
  ),
  'saves.openFolder': method(
    z.strictObject({ gameId }),
    z.object({ path: z.string() }),
    "Opens a game's saves folder in the system's file manager (the Electron window; unavailable in a browser). The core decides the folder from the game's id; no path is taken from the caller.",
  ),
  'engine.status': method(noInput, EngineStatus, 'Whether the Docker engine answers, and what to do if not.'),
  'metrics.host': method(noInput, HostMetrics.nullable(), 'The latest host-wide CPU, memory and GPU figures (null in the first second); pushed each second as host.metrics.'),
  'metrics.query': method(
    z.strictObject({ sessionId, from: isoDate.optional(), to: isoDate.optional(), maxPoints: z.number().int().min(10).max(5000).optional() }),
    z.object({
      sessionId: z.string(),
      from: z.string(),
      to: z.string(),
      /** Seconds since the epoch, one per point. */
      timestamps: z.array(z.number()),
      /** 0 when every sample is a point; else the width of the buckets min/max/mean summarise. */
      bucketMs: z.number(),
      sampleCount: z.number(),
      /** Per series (cpuPercent, memoryUsed, ...; absent when no sample has it, e.g. no GPU): min, max, mean per point. */
      series: z.record(z.string(), z.object({ min: z.array(z.number().nullable()), max: z.array(z.number().nullable()), mean: z.array(z.number().nullable()) })),
    }),
    "A session's samples in a time range (default: the last hour it ran), at most ~1,000 points per series, min and max kept so spikes survive.",
  ),
} as const;

/** One sample of a running session, pushed as it is taken (about once a second). */
export const SessionMetricsSample = z.object({
  sessionId: z.string(),
  sample: ResourceUsage.extend({ raw: z.record(z.string(), z.number()).optional() }),
});

export const ImageProgress = z.object({
  /** The session waiting for the image, when a launch started the build. */
  sessionId: z.string().optional(),
  image: z.string(),
  /** Dockerfile step n of totalSteps (0 before the first step). */
  step: z.number().int().min(0),
  totalSteps: z.number().int().min(0),
  line: z.string(),
});
export type ImageProgress = z.infer<typeof ImageProgress>;

export const SessionLog = z.object({ sessionId: z.string(), text: z.string() });

/** A thumbnail of a watched session's picture (PNG, at most 320 px wide); width and height are the full picture's. */
export const SessionPictureFrame = z.object({ sessionId: z.string(), dataUrl: z.string(), width: z.number(), height: z.number(), capturedAt: z.string() });

/** A warning the core found after start-up (a container nothing explains, ...): app.info's warnings gain it too. */
export const AppWarning = z.object({ message: z.string() });

export const events = {
  'library.changed': LibrarySnapshot,
  'session.changed': RunnerSession,
  'engine.status': EngineStatus,
  'image.progress': ImageProgress,
  'session.log': SessionLog,
  'session.picture': SessionPictureFrame,
  'app.warning': AppWarning,
  'session.metrics': SessionMetricsSample,
  'host.metrics': HostMetrics,
  'saves.changed': SavesChanged,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
