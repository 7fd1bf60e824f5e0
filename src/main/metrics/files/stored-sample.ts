// What one metrics sample looks like on disk: a ResourceUsage (shared/data-model.md) plus, when
// the collector has them, the raw readings before clamping (Docker reports CPU above 100 % on
// several cores, memory above a limit it later enforces, ...). The raw values are for debugging
// only: the graphs and queries use the model's fields.
//
// The "recent" rule of validateResourceUsage is deliberately not applied: stored samples are old.
// Checked through the schema compiled by zod (z.compile), since a three-hour query reads 10,800
// samples: the same verdicts and reasons as StoredSample.safeParse, about twice as fast.
import { z } from 'zod';
import { ResourceUsage } from '../../../shared/model/entities';
import { describeIssues } from '../../session-store/store-errors';

export const StoredSample = ResourceUsage.extend({
  /** Unclamped readings by name (`cpuPercent: 350`); finite numbers only, so JSON keeps them exactly. */
  raw: z.record(z.string(), z.number({ error: 'must be a finite number' })).optional(),
});
export type StoredSample = z.infer<typeof StoredSample>;

const CompiledStoredSample = z.compile(StoredSample);

/** The sample, or why it is not one (every problem, one line). */
export function checkStoredSample(input: unknown): { ok: true; sample: StoredSample } | { ok: false; reason: string } {
  const parsed = CompiledStoredSample.safeParse(input);
  return parsed.success ? { ok: true, sample: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}
