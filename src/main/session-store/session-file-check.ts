// Whether a parsed session file holds a RunnerSession, and if not, why. The startup scan asks this
// of every file (10,000 finished sessions and more), so it uses the schema compiled by zod
// (z.compile): the same verdicts and messages as RunnerSession.safeParse, about twice as fast,
// and nothing to keep in step by hand when entities.ts changes.
import { z } from 'zod';
import { RunnerSession } from '../../shared/model/entities';
import { describeIssues } from './store-errors';

const CompiledRunnerSession = z.compile(RunnerSession);

/** The session the schema makes of `json`, or why it is none: every problem, in one line. */
export function checkSessionFile(json: unknown): RunnerSession | string {
  const parsed = CompiledRunnerSession.safeParse(json);
  return parsed.success ? parsed.data : describeIssues(parsed.error);
}
