// Which of two or more copies of one session record the startup scan keeps. A copy can be left by a
// crash, a restored backup or a hand edit, in any day folder: the folder says nothing about which
// copy is right, so the records themselves decide, in this order:
//   1. a finished (terminal) record beats a live one;
//   2. of finished records, the one that ended later (an endTime beats none);
//   3. then the more complete one (more fields set: exitCode, statusReason, ...);
//   4. then, for records equal in all that, the copy in the day folder of its own endTime (where
//      the store writes it), then the first by path: the same files always give the same answer.
import { basename, dirname } from 'node:path';
import type { RunnerSession } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';

export interface SessionCopy {
  readonly session: RunnerSession;
  readonly file: string;
}

/** Negative when `a` is the better copy, positive when `b` is; never 0 for two different files. */
export function compareCopies(a: SessionCopy, b: SessionCopy): number {
  return reasonToPrefer(a, b) !== undefined ? -1 : reasonToPrefer(b, a) !== undefined ? 1 : 0;
}

/** The best copy first, then the others, best to worst. */
export function rankCopies(copies: readonly SessionCopy[]): SessionCopy[] {
  return [...copies].sort(compareCopies);
}

/** Why `kept` is preferred over `other`, in words for the quarantine reason; undefined if it is not. */
export function reasonToPrefer(kept: SessionCopy, other: SessionCopy): string | undefined {
  const a = kept.session;
  const b = other.session;
  const finishedA = isTerminal(a.status);
  if (finishedA !== isTerminal(b.status)) {
    return finishedA ? `it is finished ('${a.status}') and this copy is still '${b.status}'` : undefined;
  }
  const endA = timeOf(a.endTime);
  const endB = timeOf(b.endTime);
  if (endA !== endB) return endA > endB ? `it ended later (${a.endTime}; this copy: ${b.endTime ?? 'no endTime'})` : undefined;
  const fieldsA = fieldCount(a);
  const fieldsB = fieldCount(b);
  if (fieldsA !== fieldsB) return fieldsA > fieldsB ? `it is more complete (${fieldsA} fields set; this copy: ${fieldsB})` : undefined;
  const homeA = isInItsDayFolder(kept);
  if (homeA !== isInItsDayFolder(other)) {
    return homeA ? 'it ended at the same time and is in the day folder of its endTime' : undefined;
  }
  if (kept.file !== other.file) return kept.file < other.file ? 'it ended at the same time and comes first by path' : undefined;
  return undefined;
}

/** The same record, but for an endTime that only `kept` has (the scan adds one from the file's mtime). */
export function isSameRecord(kept: RunnerSession, other: RunnerSession): boolean {
  const withEnd = other.endTime === undefined && kept.endTime !== undefined ? { ...other, endTime: kept.endTime } : other;
  return canonical(kept) === canonical(withEnd);
}

/** Milliseconds since the epoch; no endTime (or an unreadable one) sorts before every real time. */
function timeOf(endTime: string | undefined): number {
  const time = endTime === undefined ? Number.NaN : Date.parse(endTime);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function fieldCount(session: RunnerSession): number {
  let count = 0;
  for (const value of Object.values(session)) if (value !== undefined) count += 1;
  return count;
}

function isInItsDayFolder(copy: SessionCopy): boolean {
  const time = timeOf(copy.session.endTime);
  if (time === Number.NEGATIVE_INFINITY) return false;
  return basename(dirname(copy.file)) === new Date(time).toISOString().slice(0, 10);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : field,
  );
}
