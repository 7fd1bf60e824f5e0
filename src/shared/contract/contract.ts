// THE API between the renderer and the core, declared once. Electron's IPC (src/main/ipc/electron-ipc),
// the preload's client and the WebSocket transport are all built from this object: adding a method
// here is the only way to add one anywhere.
import { z } from 'zod';
import { ResourceUsage, RunnerSession, SessionStatus, gameId, isoDate, sessionId, userId } from '../model/entities';
import { LibrarySnapshot } from '../library/manifest';
import { HostFacts } from '../validation/host-facts';
import { EngineStatus } from './engine-status';

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

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

export const AppInfo = z.object({
  dataDir: z.string(),
  libraryDir: z.string(),
  /** Things the user should know that did not stop the app: files set aside, settings that could not be read. */
  warnings: z.array(z.string()),
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

export const methods = {
  'app.info': method(noInput, AppInfo, 'Where the app keeps its data, and warnings from start-up.'),
  'library.list': method(noInput, LibrarySnapshot, 'The games in the library, and the folders that could not be read.'),
  'host.facts': method(
    z.strictObject({ paths: z.array(absolutePath).max(64).default([]) }).optional(),
    HostFacts,
    'What validation needs to know about this machine, with facts about the given paths.',
  ),
  'launch.validate': method(
    z.strictObject({ request: z.unknown() }),
    z.object({ ok: z.boolean(), problems: z.array(Problem) }),
    'Every problem of a launch request against this machine, at once.',
  ),
  'sessions.list': method(SessionFilter.optional(), z.array(RunnerSession), 'Sessions, newest first, filtered.'),
  'sessions.get': method(z.strictObject({ sessionId }), RunnerSession, 'One session by id.'),
  'sessions.launch': method(
    z.strictObject({ request: z.unknown() }),
    RunnerSession,
    'Validates a launch request against this machine, records the session as requested and answers with it at once; the game starts in the background (watch session.changed). sessionId and timestamp may be left out. A game already running answers with its running session.',
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

export const events = {
  'library.changed': LibrarySnapshot,
  'session.changed': RunnerSession,
  'engine.status': EngineStatus,
  'image.progress': ImageProgress,
  'session.log': SessionLog,
  'session.metrics': SessionMetricsSample,
  'host.metrics': HostMetrics,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
