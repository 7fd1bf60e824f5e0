// Validating 10,000 history files with the zod schema costs about as much as reading them, so the
// startup scan first asks this cheaper check. It answers "valid" only for records the RunnerSession
// schema also accepts, and "don't know" otherwise; on "don't know" the caller runs the schema,
// which also gives the reason a person reads. Validation is never weakened, only made cheaper for
// the records the store itself writes.
//
// How it stays exact:
// - fields whose values repeat across sessions (userId, gameId, status, ...) are checked by their
//   own zod schema from entities.ts, once per distinct value;
// - the others (ids, dates, display, usage) are checked here with the patterns entities.ts
//   exports and the date pattern read off its `isoDate` schema;
// - if entities.ts gains or loses a field or a refinement, the key lists and counts below no
//   longer match the schema and the check turns itself off (everything goes to zod) until this
//   file is updated.
// fast-session-check.test.ts holds it to this against the schema with valid and broken records.
import {
  AudioAssignment,
  CONTAINER_REF_PATTERN,
  DisplayConfiguration,
  GpuAssignment,
  RESOLUTION_PATTERN,
  ResourceUsage,
  RunnerSession,
  SESSION_ID_PATTERN,
  SessionStatus,
  WAYLAND_DISPLAY_PATTERN,
  X11_DISPLAY_PATTERN,
  failureKind,
  gameId,
  isoDate,
  launchPhase,
  platform,
  refreshRate,
  userId,
} from '../../shared/model/entities';

const SESSION_KEYS = [
  'sessionId', 'containerId', 'gameId', 'userId', 'status', 'startTime', 'lastActivity',
  'displayInfo', 'resourceUsage', 'processId', 'platform', 'endTime', 'exitCode', 'statusReason', 'gpuInfo',
  'audioInfo', 'warnings', 'phase', 'phaseSince', 'failureKind',
] as const;
const DISPLAY_KEYS = ['method', 'displayId', 'resolution', 'refreshRate', 'socketPath', 'authToken'] as const;
const AUDIO_KEYS = ['enabled', 'socketPath', 'server'] as const;
const USAGE_KEYS = ['cpuPercent', 'memoryUsed', 'memoryPercent', 'gpuUsage', 'gpuMemoryUsed', 'diskUsage', 'timestamp'] as const;

const SESSION_KEY_SET: ReadonlySet<string> = new Set(SESSION_KEYS);
const DISPLAY_KEY_SET: ReadonlySet<string> = new Set(DISPLAY_KEYS);
const USAGE_KEY_SET: ReadonlySet<string> = new Set(USAGE_KEYS);
const AUDIO_KEY_SET: ReadonlySet<string> = new Set(AUDIO_KEYS);
const DATE_PATTERN = isoDate._zod.def.pattern;

/** False when entities.ts changed shape since this check was written: then only zod decides. */
export const FAST_CHECK_MATCHES_SCHEMA =
  sameKeys(Object.keys(RunnerSession.shape), SESSION_KEYS) &&
  sameKeys(Object.keys(ResourceUsage.shape), USAGE_KEYS) &&
  sameKeys(Object.keys(DisplayConfiguration.shape), DISPLAY_KEYS) &&
  sameKeys(Object.keys(AudioAssignment.shape), AUDIO_KEYS) &&
  // Its one refinement, the displayId format per method, is mirrored in isDisplay below.
  DisplayConfiguration._zod.def.checks?.length === 1 &&
  DATE_PATTERN !== undefined &&
  (isoDate._zod.def.checks?.length ?? 0) === 0 &&
  (RunnerSession._zod.def.checks?.length ?? 0) === 0;

/** Only for values straight from JSON.parse (plain data, no undefined or functions inside). */
export type FastSessionCheck = (parsedJson: unknown) => parsedJson is RunnerSession;

/** A check with its own memory of repeated values; make one per scan and let it go afterwards. */
export function createFastSessionCheck(): FastSessionCheck {
  const byValue = {
    userId: memoized('string', (v) => userId.safeParse(v).success),
    gameId: memoized('string', (v) => gameId.safeParse(v).success),
    status: memoized('string', (v) => SessionStatus.safeParse(v).success),
    platform: memoized('string', (v) => platform.safeParse(v).success),
    phase: memoized('string', (v) => launchPhase.safeParse(v).success),
    failureKind: memoized('string', (v) => failureKind.safeParse(v).success),
    refreshRate: memoized('number', (v) => refreshRate.safeParse(v).success),
    // A host's sessions repeat a handful of GPU assignments: judged by their schema once per JSON text.
    gpuInfo: memoized('string', (v) => GpuAssignment.safeParse(JSON.parse(v as string)).success),
  };
  const isDisplay = (value: unknown): boolean => {
    if (!isRecord(value) || !hasOnlyKeys(value, DISPLAY_KEY_SET)) return false;
    const pattern = value.method === 'x11' ? X11_DISPLAY_PATTERN : value.method === 'wayland' ? WAYLAND_DISPLAY_PATTERN : undefined;
    return (
      pattern !== undefined &&
      matches(value.displayId, pattern) &&
      (!('resolution' in value) || matches(value.resolution, RESOLUTION_PATTERN)) &&
      (!('refreshRate' in value) || byValue.refreshRate(value.refreshRate)) &&
      (!('socketPath' in value) || (typeof value.socketPath === 'string' && value.socketPath.startsWith('/'))) &&
      (!('authToken' in value) || typeof value.authToken === 'string')
    );
  };

  return (value: unknown): value is RunnerSession => {
    if (!FAST_CHECK_MATCHES_SCHEMA || !isRecord(value) || !hasOnlyKeys(value, SESSION_KEY_SET)) return false;
    const s = value;
    return (
      matches(s.sessionId, SESSION_ID_PATTERN) &&
      matches(s.containerId, CONTAINER_REF_PATTERN) &&
      byValue.gameId(s.gameId) &&
      byValue.userId(s.userId) &&
      byValue.status(s.status) &&
      isDate(s.startTime) &&
      (!('lastActivity' in s) || isDate(s.lastActivity)) &&
      isDisplay(s.displayInfo) &&
      (!('resourceUsage' in s) || isUsage(s.resourceUsage)) &&
      (!('processId' in s) || (typeof s.processId === 'number' && Number.isSafeInteger(s.processId) && s.processId > 0)) &&
      (!('platform' in s) || byValue.platform(s.platform)) &&
      (!('endTime' in s) || isDate(s.endTime)) &&
      (!('exitCode' in s) || Number.isSafeInteger(s.exitCode)) &&
      (!('statusReason' in s) || typeof s.statusReason === 'string') &&
      (!('gpuInfo' in s) || (isRecord(s.gpuInfo) && byValue.gpuInfo(JSON.stringify(s.gpuInfo)))) &&
      (!('audioInfo' in s) || isAudio(s.audioInfo)) &&
      (!('warnings' in s) || (Array.isArray(s.warnings) && s.warnings.every((w) => typeof w === 'string'))) &&
      (!('phase' in s) || byValue.phase(s.phase)) &&
      (!('phaseSince' in s) || isDate(s.phaseSince)) &&
      (!('failureKind' in s) || byValue.failureKind(s.failureKind))
    );
  };
}

function isAudio(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, AUDIO_KEY_SET) &&
    typeof value.enabled === 'boolean' &&
    (!('socketPath' in value) || (typeof value.socketPath === 'string' && value.socketPath.startsWith('/'))) &&
    (!('server' in value) || typeof value.server === 'string')
  );
}

function isUsage(value: unknown): boolean {
  if (!isRecord(value) || !hasOnlyKeys(value, USAGE_KEY_SET)) return false;
  return (
    isNumberIn(value.cpuPercent, 0, 100) &&
    isNumberIn(value.memoryUsed, 0, Number.MAX_VALUE) &&
    isNumberIn(value.memoryPercent, 0, 100) &&
    (!('gpuUsage' in value) || isNumberIn(value.gpuUsage, 0, 100)) &&
    (!('gpuMemoryUsed' in value) || isNumberIn(value.gpuMemoryUsed, 0, Number.MAX_VALUE)) &&
    (!('diskUsage' in value) || isNumberIn(value.diskUsage, 0, Number.MAX_VALUE)) &&
    isDate(value.timestamp)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Strict objects: any key the schema does not name makes the record one for zod to judge. */
function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  // for...in also walks inherited keys, which a plain parsed object has none of: safe, and allocation-free.
  for (const key in value) {
    if (!allowed.has(key)) return false;
  }
  return true;
}

function isDate(value: unknown): boolean {
  return DATE_PATTERN !== undefined && matches(value, DATE_PATTERN);
}

function matches(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** Remembers `check`'s verdict per value of one primitive type; other types are refused (zod then explains why). */
function memoized(type: 'string' | 'number', check: (value: unknown) => boolean): (value: unknown) => boolean {
  const verdicts = new Map<unknown, boolean>();
  return (value) => {
    if (typeof value !== type) return false;
    let verdict = verdicts.get(value);
    if (verdict === undefined) {
      verdict = check(value);
      verdicts.set(value, verdict);
    }
    return verdict;
  };
}

function sameKeys(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((key) => actual.includes(key));
}
