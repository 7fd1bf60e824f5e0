// Validating 10,800 samples with zod costs about as much as JSON.parse of their files (measured:
// 13-20 ms against 11 ms), which would be a third of a cold query's budget. This check answers
// "valid" only for samples the StoredSample schema also accepts, and "don't know" otherwise; on
// "don't know" the caller runs the schema, which also gives the reason a person reads.
//
// Like src/main/session-store/fast-session-check.ts, it turns itself off (everything goes to zod) when
// entities.ts gains or loses a ResourceUsage field or a refinement, until this file is updated;
// fast-sample-check.test.ts holds it to the schema with valid and broken samples.
import { ResourceUsage, isoDate } from '../../../shared/model/entities';
import { StoredSample } from './stored-sample';

const USAGE_KEYS = ['cpuPercent', 'memoryUsed', 'memoryPercent', 'gpuUsage', 'gpuMemoryUsed', 'diskUsage', 'timestamp'] as const;
const SAMPLE_KEYS: ReadonlySet<string> = new Set([...USAGE_KEYS, 'raw']);
const DATE_PATTERN = isoDate._zod.def.pattern;

/** False when the schema changed shape since this check was written: then only zod decides. */
export const FAST_SAMPLE_CHECK_MATCHES_SCHEMA =
  sameKeys(Object.keys(ResourceUsage.shape), USAGE_KEYS) &&
  sameKeys(Object.keys(StoredSample.shape), [...SAMPLE_KEYS]) &&
  [...SAMPLE_KEYS].every((key) => isSampleKey(key)) &&
  DATE_PATTERN !== undefined &&
  (isoDate._zod.def.checks?.length ?? 0) === 0 &&
  (StoredSample._zod.def.checks?.length ?? 0) === 0;

/** Only for values straight from JSON.parse (plain data). True means the schema accepts it too. */
export function isStoredSampleFast(value: unknown): value is StoredSample {
  if (!FAST_SAMPLE_CHECK_MATCHES_SCHEMA || !isRecord(value)) return false;
  for (const key in value) {
    if (!isSampleKey(key)) return false;
  }
  return (
    isNumberIn(value.cpuPercent, 0, 100) &&
    isNumberIn(value.memoryUsed, 0, Number.MAX_VALUE) &&
    isNumberIn(value.memoryPercent, 0, 100) &&
    (value.gpuUsage === undefined ? !('gpuUsage' in value) : isNumberIn(value.gpuUsage, 0, 100)) &&
    (value.gpuMemoryUsed === undefined ? !('gpuMemoryUsed' in value) : isNumberIn(value.gpuMemoryUsed, 0, Number.MAX_VALUE)) &&
    (value.diskUsage === undefined ? !('diskUsage' in value) : isNumberIn(value.diskUsage, 0, Number.MAX_VALUE)) &&
    typeof value.timestamp === 'string' &&
    (!Number.isNaN(writerTimestampMs(value.timestamp)) || (DATE_PATTERN !== undefined && DATE_PATTERN.test(value.timestamp))) &&
    (value.raw === undefined ? !('raw' in value) : isRaw(value.raw))
  );
}

/** SAMPLE_KEYS.has(key), as a switch: JSON.parse's keys are internalized, so these compare by pointer. */
function isSampleKey(key: string): boolean {
  switch (key) {
    case 'cpuPercent':
    case 'memoryUsed':
    case 'memoryPercent':
    case 'gpuUsage':
    case 'gpuMemoryUsed':
    case 'diskUsage':
    case 'timestamp':
    case 'raw':
      return true;
    default:
      return false;
  }
}

/** The day (`2025-10-29`) of the last timestamp the schema's pattern accepted, and its midnight in ms. */
let knownDay = '';
let knownDayMs = Number.NaN;

/**
 * Milliseconds since the epoch of a timestamp in the form the sampler writes
 * (`2025-10-29T14:30:00.000Z`, from toISOString), or NaN for any other form or when unsure (then
 * ask the schema's pattern and Date.parse). The date part is checked with the schema's own
 * pattern once per day (cached: consecutive samples share it); the time part by character, to
 * ranges the pattern accepts (hours 00-23, minutes and seconds 00-59). So a number here means the
 * schema accepts the timestamp. Used by the fast check and by the reader instead of Date.parse:
 * 10,800 regex tests and Date.parses were a fifth of a cold three-hour query.
 */
export function writerTimestampMs(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 0x5a /* Z */ || text.charCodeAt(10) !== 0x54 /* T */) return Number.NaN;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e) return Number.NaN; // `:` `:` `.`
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  const millis = twoDigits(text, 20) * 10 + digit(text, 22);
  if (!(hours < 24 && minutes < 60 && seconds < 60 && millis >= 0)) return Number.NaN; // NaN fails every comparison
  if (!sameDay(text)) {
    if (!FAST_SAMPLE_CHECK_MATCHES_SCHEMA || DATE_PATTERN === undefined || !DATE_PATTERN.test(text)) return Number.NaN;
    const dayMs = Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`);
    if (Number.isNaN(dayMs)) return Number.NaN;
    knownDay = text.slice(0, 10);
    knownDayMs = dayMs;
  }
  return knownDayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/**
 * Milliseconds since the epoch of a timestamp the schema accepted: by character for the sampler's
 * own form, Date.parse for any other.
 */
export function sampleTimeMs(timestamp: string): number {
  const ms = writerTimestampMs(timestamp);
  return Number.isNaN(ms) ? Date.parse(timestamp) : ms;
}

function sameDay(text: string): boolean {
  if (knownDay.length !== 10) return false;
  for (let i = 0; i < 10; i += 1) {
    if (text.charCodeAt(i) !== knownDay.charCodeAt(i)) return false;
  }
  return true;
}

/** 0-9 for a digit, NaN otherwise. */
function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 0x30;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

function isRaw(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) {
    if (!isNumberIn(value[key], -Number.MAX_VALUE, Number.MAX_VALUE)) return false;
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function sameKeys(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((key) => actual.includes(key));
}
