// In-memory indexes over every known session (data model, "Indexes and Queries"): by sessionId,
// userId, status and gameId, plus every session kept newest first by startTime so that a
// filtered, limited list stops as soon as it has enough.
import type { RunnerSession, SessionStatus } from '../../shared/model/entities';

export interface SessionFilter {
  status?: SessionStatus | readonly SessionStatus[];
  userId?: string;
  gameId?: string;
  /** At most this many results (after `offset`). */
  limit?: number;
  /** Skip this many of the newest matches first. */
  offset?: number;
}

/** A session with its startTime as a number, parsed once: sorting compares instants, not text. */
interface Entry {
  readonly session: RunnerSession;
  readonly startMs: number;
}

// Below this share of all sessions, sorting the candidates beats scanning the ordered list.
const SMALL_CANDIDATE_SHARE = 1 / 32;

export class SessionIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byStatus = new Map<SessionStatus, Set<string>>();
  private readonly byGame = new Map<string, Set<string>>();
  /** Every entry, newest startTime first; ties by sessionId so the order is stable. */
  private ordered: Entry[] = [];

  get size(): number {
    return this.byId.size;
  }

  get(sessionId: string): RunnerSession | undefined {
    return this.byId.get(sessionId)?.session;
  }

  has(sessionId: string): boolean {
    return this.byId.has(sessionId);
  }

  ids(): string[] {
    return this.ordered.map((entry) => entry.session.sessionId);
  }

  /** Bulk load for startup: one sort at the end instead of one insertion per session. */
  loadAll(sessions: Iterable<RunnerSession>): void {
    for (const session of sessions) {
      if (this.byId.has(session.sessionId)) this.remove(session.sessionId);
      this.addToMaps(session);
    }
    this.ordered = [...this.byId.values()].sort(compareEntries);
  }

  /** Inserts a session or replaces the record with the same sessionId. */
  put(session: RunnerSession): void {
    if (this.byId.has(session.sessionId)) this.remove(session.sessionId);
    const entry = this.addToMaps(session);
    this.ordered.splice(this.insertionPoint(entry), 0, entry);
  }

  remove(sessionId: string): void {
    const entry = this.byId.get(sessionId);
    if (!entry) return;
    const near = this.insertionPoint(entry);
    const at = this.ordered[near] === entry ? near : this.ordered.indexOf(entry);
    if (at >= 0) this.ordered.splice(at, 1);
    this.byId.delete(sessionId);
    removeFrom(this.byUser, entry.session.userId, sessionId);
    removeFrom(this.byStatus, entry.session.status, sessionId);
    removeFrom(this.byGame, entry.session.gameId, sessionId);
  }

  /** Matching sessions, newest first by startTime. */
  list(filter: SessionFilter = {}): RunnerSession[] {
    const offset = checkedCount(filter.offset ?? 0, 'offset');
    const limit = filter.limit === undefined ? Infinity : checkedCount(filter.limit, 'limit');
    const statuses =
      filter.status === undefined ? undefined : new Set(typeof filter.status === 'string' ? [filter.status] : filter.status);
    const { userId, gameId } = filter;
    const matches = ({ session: s }: Entry): boolean =>
      (statuses === undefined || statuses.has(s.status)) &&
      (userId === undefined || s.userId === userId) &&
      (gameId === undefined || s.gameId === gameId);

    const candidates = this.smallestCandidateSet(statuses, userId, gameId);
    if (candidates !== undefined && candidates.size < this.byId.size * SMALL_CANDIDATE_SHARE) {
      const entries = [...candidates.ids()].map((id) => this.entry(id)).filter(matches);
      entries.sort(compareEntries);
      return entries.slice(offset, offset + limit).map((entry) => entry.session);
    }
    const result: RunnerSession[] = [];
    let skipped = 0;
    for (const entry of this.ordered) {
      if (result.length >= limit) break;
      if (!matches(entry)) continue;
      if (skipped < offset) skipped += 1;
      else result.push(entry.session);
    }
    return result;
  }

  private smallestCandidateSet(
    statuses: ReadonlySet<SessionStatus> | undefined,
    userId: string | undefined,
    gameId: string | undefined,
  ): Candidates | undefined {
    const options: Candidates[] = [];
    if (statuses !== undefined) {
      const sets = [...statuses].map((s) => this.byStatus.get(s) ?? EMPTY);
      options.push({ ids: () => sets.flatMap((set) => [...set]), size: sets.reduce((n, set) => n + set.size, 0) });
    }
    if (userId !== undefined) options.push(asCandidates(this.byUser.get(userId)));
    if (gameId !== undefined) options.push(asCandidates(this.byGame.get(gameId)));
    return options.reduce<Candidates | undefined>(
      (best, option) => (best === undefined || option.size < best.size ? option : best),
      undefined,
    );
  }

  private addToMaps(session: RunnerSession): Entry {
    const id = session.sessionId;
    // Frozen: a caller changing a record it was handed would silently desync the indexes.
    const entry: Entry = { session: freezeSession(session), startMs: Date.parse(session.startTime) };
    this.byId.set(id, entry);
    addTo(this.byUser, session.userId, id);
    addTo(this.byStatus, session.status, id);
    addTo(this.byGame, session.gameId, id);
    return entry;
  }

  private entry(id: string): Entry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`Session index is inconsistent: ${id} is indexed but has no record.`);
    return entry;
  }

  /** First position whose entry does not sort before `entry` (binary search over `ordered`). */
  private insertionPoint(entry: Entry): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.ordered[mid];
      if (other !== undefined && compareEntries(other, entry) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** Negative when `a` sorts before `b`: newer, or the same instant and a smaller id. */
function compareEntries(a: Entry, b: Entry): number {
  const byTime = b.startMs - a.startMs;
  if (byTime !== 0) return byTime;
  const idA = a.session.sessionId;
  const idB = b.session.sessionId;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** The ids one index holds for a filter; `ids` is only materialised for the set that is used. */
interface Candidates {
  ids: () => Iterable<string>;
  size: number;
}

const EMPTY: ReadonlySet<string> = new Set();

function asCandidates(set: ReadonlySet<string> | undefined): Candidates {
  return { ids: () => set ?? EMPTY, size: set?.size ?? 0 };
}

function addTo<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom<K>(map: Map<K, Set<string>>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

/** Freezes a session and its nested objects (RunnerSession nests one level deep). */
function freezeSession(session: RunnerSession): RunnerSession {
  Object.freeze(session.displayInfo);
  if (session.resourceUsage) Object.freeze(session.resourceUsage);
  return Object.freeze(session);
}

function checkedCount(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`list(): ${name} must be a whole number of 0 or more, not ${value}.`);
  }
  return value;
}
