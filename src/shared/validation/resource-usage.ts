import { ResourceUsage } from '../model/entities';
import { problemsFromZod, type Problem, type Validated } from './problems';

/** How old a sample may be and still count as "recent" (the data model: within the last few minutes). */
export const SAMPLE_MAX_AGE_MS = 5 * 60_000;
/** Clocks drift: a sample a little in the future is accepted. */
const SAMPLE_MAX_FUTURE_MS = 30_000;

/** A fresh sample: the schema's ranges plus a timestamp within the last few minutes of `now`. All problems at once. */
export function validateResourceUsage(input: unknown, now: Date): Validated<ResourceUsage> {
  const parsed = ResourceUsage.safeParse(input);
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error, [], input);
  // The age is judged even when other fields are wrong, unless the timestamp itself is malformed.
  const timestamp = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).timestamp : undefined;
  if (typeof timestamp === 'string' && !problems.some((p) => p.path === 'timestamp')) {
    const problem = ageProblem(now.getTime() - Date.parse(timestamp));
    if (problem) problems.push({ path: 'timestamp', message: problem });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}

function ageProblem(age: number): string | undefined {
  if (Number.isNaN(age)) return undefined;
  if (age > SAMPLE_MAX_AGE_MS) {
    return `This sample is ${Math.round(age / 1000)} s old; samples must be from the last ${SAMPLE_MAX_AGE_MS / 60_000} minutes: discard it and take a new one.`;
  }
  if (age < -SAMPLE_MAX_FUTURE_MS) return "This sample is dated in the future: check the computer's clock.";
  return undefined;
}
