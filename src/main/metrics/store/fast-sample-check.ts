// Validating 10,800 samples with zod costs about as much as JSON.parse of their files (measured:
// 13-20 ms against 11 ms), which would be a third of a cold query's budget. This check answers
// "valid" only for samples the StoredSample schema also accepts, and "don't know" otherwise; on
// "don't know" the caller runs the schema, which also gives the reason a person reads.
//
// Like src/main/store/fast-session-check.ts, it turns itself off (everything goes to zod) when
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
  DATE_PATTERN !== undefined &&
  (isoDate._zod.def.checks?.length ?? 0) === 0 &&
  (StoredSample._zod.def.checks?.length ?? 0) === 0;

/** Only for values straight from JSON.parse (plain data). True means the schema accepts it too. */
export function isStoredSampleFast(value: unknown): value is StoredSample {
  if (!FAST_SAMPLE_CHECK_MATCHES_SCHEMA || !isRecord(value)) return false;
  for (const key in value) {
    if (!SAMPLE_KEYS.has(key)) return false;
  }
  return (
    isNumberIn(value.cpuPercent, 0, 100) &&
    isNumberIn(value.memoryUsed, 0, Number.MAX_VALUE) &&
    isNumberIn(value.memoryPercent, 0, 100) &&
    (value.gpuUsage === undefined ? !('gpuUsage' in value) : isNumberIn(value.gpuUsage, 0, 100)) &&
    (value.gpuMemoryUsed === undefined ? !('gpuMemoryUsed' in value) : isNumberIn(value.gpuMemoryUsed, 0, Number.MAX_VALUE)) &&
    (value.diskUsage === undefined ? !('diskUsage' in value) : isNumberIn(value.diskUsage, 0, Number.MAX_VALUE)) &&
    typeof value.timestamp === 'string' &&
    DATE_PATTERN !== undefined &&
    DATE_PATTERN.test(value.timestamp) &&
    (value.raw === undefined ? !('raw' in value) : isRaw(value.raw))
  );
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
