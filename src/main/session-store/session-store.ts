// The crash-safe RunnerSession store. Every change is on disk (atomically, fsynced) before the
// in-memory indexes change or the caller hears back, so whatever a caller was told survives a
// crash. Unfinished sessions live in active/; a session that reaches a terminal status is written
// to history/{day}/ first and only then unlinked from active/, which the startup scan relies on.
import { mkdirSync } from 'node:fs';
import { access, mkdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RunnerSession, SessionSavesSnapshot } from '../../shared/model/entities';
import { TERMINAL_STATUSES, assertTransition, isTerminal } from '../../shared/model/session-states';
import { fsyncDir, fsyncDirSync, writeJsonAtomic } from './atomic-file';
import { storeLayout, type StoreLayout } from './layout';
import { messageOf } from '../../shared/errors';
import { type QuarantineWarning } from './quarantine';
import { SessionIndex, type SessionFilter } from './session-index';
import { recoverSessions, type StoreLog } from './session-recovery';
import { SessionStoreError, describeIssues } from './store-errors';

export type { SessionFilter } from './session-index';
export type { QuarantineWarning } from './quarantine';
export type { StoreLog } from './session-recovery';

export interface SessionStoreOptions {
  /** The app's data folder; the store keeps its files under `<dataDir>/runner-sessions/`. */
  dataDir: string;
  now?: () => Date;
  log?: StoreLog;
}

/** Fields to change; `sessionId`, if given, must be the session's own. */
export type SessionPatch = Partial<RunnerSession>;

export interface SessionStore {
  readonly layout: StoreLayout;
  /** Files the startup scan moved to quarantine/, and why. */
  readonly warnings: readonly QuarantineWarning[];
  create(session: RunnerSession): Promise<RunnerSession>;
  update(sessionId: string, patch: SessionPatch): Promise<RunnerSession>;
  /**
   * The one change a final record allows: what the snapshot of its game's saves taken after it ended
   * did (that snapshot starts only once the record is final). Sets `savesSnapshot` and nothing else,
   * once, rewriting the history file atomically; refused for a session that is not final yet.
   */
  recordSavesSnapshot(sessionId: string, savesSnapshot: SessionSavesSnapshot): Promise<RunnerSession>;
  get(sessionId: string): RunnerSession | undefined;
  /** Matching sessions, newest first by startTime. */
  list(filter?: SessionFilter): RunnerSession[];
  /** A user's sessions in status 'running'. */
  activeSessionsOfUser(userId: string): RunnerSession[];
  running(): RunnerSession[];
  /** Sessions whose containers may need removing: terminated, crashed or failed. */
  toCleanUp(): RunnerSession[];
  /** Every session of a game, newest first. */
  gameHistory(gameId: string): RunnerSession[];
  /** Every known session id, newest first. */
  sessionIds(): string[];
  /** Waits for writes in flight, then refuses further changes. */
  close(): Promise<void>;
}

export async function openSessionStore(options: SessionStoreOptions): Promise<SessionStore> {
  const layout = storeLayout(options.dataDir);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? console;
  createStoreDirs(layout);
  const { sessions, warnings } = recoverSessions(layout, now, log);
  const index = new SessionIndex();
  index.loadAll(sessions);
  return new FileSessionStore(layout, index, warnings, now, log);
}

function createStoreDirs(layout: StoreLayout): void {
  try {
    let created = false;
    for (const dir of [layout.activeDir, layout.historyDir, layout.metricsDir, layout.quarantineDir]) {
      if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) created = true;
    }
    // New folders must survive a power cut too, or the first session files could vanish with them.
    if (created) {
      fsyncDirSync(layout.root);
      fsyncDirSync(dirname(layout.root));
    }
  } catch (error) {
    throw new Error(
      `Cannot open the session store in ${layout.root}: ${messageOf(error)}. ` +
        'Check that this folder can be created and written by the user running Dillinger Runner.',
      { cause: error },
    );
  }
}

class FileSessionStore implements SessionStore {
  /** Per session, the tail of its chain of writes: one write at a time per session. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(
    readonly layout: StoreLayout,
    private readonly index: SessionIndex,
    readonly warnings: readonly QuarantineWarning[],
    private readonly now: () => Date,
    private readonly log: StoreLog,
  ) {}

  create(session: RunnerSession): Promise<RunnerSession> {
    return this.serialised(session.sessionId, async () => {
      const parsed = RunnerSession.safeParse(session);
      if (!parsed.success) {
        const id = String(session.sessionId);
        throw new SessionStoreError('invalid_session', `Cannot create session ${id}: ${describeIssues(parsed.error)}.`);
      }
      const record = parsed.data;
      if (record.status !== 'requested') {
        throw new SessionStoreError(
          'invalid_session',
          `Cannot create session ${record.sessionId} in status '${record.status}': a new session starts as 'requested'.`,
        );
      }
      const existing = this.index.get(record.sessionId);
      if (existing) {
        throw new SessionStoreError(
          'duplicate_session',
          `Cannot create session ${record.sessionId}: a session with that id already exists ` +
            `(status '${existing.status}'); session ids must be unique.`,
        );
      }
      await writeJsonAtomic(this.layout.activeFile(record.sessionId), record);
      this.index.put(record);
      return record;
    });
  }

  update(sessionId: string, patch: SessionPatch): Promise<RunnerSession> {
    return this.serialised(sessionId, async () => {
      const current = this.index.get(sessionId);
      if (!current) {
        throw new SessionStoreError('unknown_session', `Cannot update session ${sessionId}: no such session in the store.`);
      }
      if (isTerminal(current.status)) {
        throw new SessionStoreError(
          'session_final',
          `Cannot update session ${sessionId}: it is '${current.status}', which is final; its record in history cannot change.`,
        );
      }
      if (patch.sessionId !== undefined && patch.sessionId !== sessionId) {
        throw new SessionStoreError(
          'invalid_session',
          `Cannot change the id of session ${sessionId} to ${patch.sessionId}: session ids never change.`,
        );
      }
      if (patch.status !== undefined && patch.status !== current.status) assertTransition(current.status, patch.status);

      const merged: RunnerSession = { ...current, ...patch };
      const finishing = isTerminal(merged.status);
      if (finishing && merged.endTime === undefined) merged.endTime = this.now().toISOString();
      const parsed = RunnerSession.safeParse(merged);
      if (!parsed.success) {
        throw new SessionStoreError('invalid_session', `Cannot update session ${sessionId}: ${describeIssues(parsed.error)}.`);
      }
      const next = parsed.data;
      if (finishing) await this.moveToHistory(next);
      else await writeJsonAtomic(this.layout.activeFile(sessionId), next);
      this.index.put(next);
      return next;
    });
  }

  recordSavesSnapshot(sessionId: string, savesSnapshot: SessionSavesSnapshot): Promise<RunnerSession> {
    return this.serialised(sessionId, async () => {
      const current = this.index.get(sessionId);
      if (!current) {
        throw new SessionStoreError('unknown_session', `Cannot record the saves snapshot of session ${sessionId}: no such session in the store.`);
      }
      if (!isTerminal(current.status)) {
        throw new SessionStoreError(
          'invalid_session',
          `Cannot record the saves snapshot of session ${sessionId}: it is '${current.status}'; a snapshot is recorded only once the session has ended.`,
        );
      }
      if (current.savesSnapshot !== undefined) {
        throw new SessionStoreError('session_final', `Cannot record the saves snapshot of session ${sessionId} again: its record already names one.`);
      }
      const snapshot = SessionSavesSnapshot.safeParse(savesSnapshot);
      if (!snapshot.success) {
        throw new SessionStoreError('invalid_session', `Cannot record the saves snapshot of session ${sessionId}: ${describeIssues(snapshot.error)}.`);
      }
      // The file the record is in now: a final record always has its endTime (update and the
      // startup scan both give it one), which names its day folder. Never a second copy elsewhere.
      const file = this.layout.historyFile(sessionId, current.endTime, this.now());
      if (current.endTime === undefined || !(await exists(file))) {
        throw new SessionStoreError('unknown_session', `Cannot record the saves snapshot of session ${sessionId}: its record is not in ${file}.`);
      }
      const next: RunnerSession = { ...current, savesSnapshot: snapshot.data };
      await writeJsonAtomic(file, next);
      this.index.put(next);
      return next;
    });
  }

  get(sessionId: string): RunnerSession | undefined {
    return this.index.get(sessionId);
  }

  list(filter?: SessionFilter): RunnerSession[] {
    return this.index.list(filter);
  }

  activeSessionsOfUser(userId: string): RunnerSession[] {
    return this.index.list({ userId, status: 'running' });
  }

  running(): RunnerSession[] {
    return this.index.list({ status: 'running' });
  }

  toCleanUp(): RunnerSession[] {
    return this.index.list({ status: TERMINAL_STATUSES });
  }

  gameHistory(gameId: string): RunnerSession[] {
    return this.index.list({ gameId });
  }

  sessionIds(): string[] {
    return this.index.ids();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.tails.values());
  }

  /** Writes the finished record to history/, then drops the active copy (that order is what recovery relies on). */
  private async moveToHistory(session: RunnerSession): Promise<void> {
    const target = this.layout.historyFile(session.sessionId, session.endTime, this.now());
    if ((await mkdir(dirname(target), { recursive: true })) !== undefined) await fsyncDir(this.layout.historyDir);
    await writeJsonAtomic(target, session);
    const active = this.layout.activeFile(session.sessionId);
    try {
      await unlink(active);
      await fsyncDir(this.layout.activeDir);
    } catch (error) {
      // The finished record is durable, so the update did happen; the next open removes the stale copy.
      this.log.warn(
        `Session store: session ${session.sessionId} is saved in ${target}, but ${active} could not be removed: ${messageOf(error)}`,
      );
    }
  }

  private serialised<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    if (this.closed) {
      return Promise.reject(new SessionStoreError('store_closed', `Cannot change session ${sessionId}: the session store is closed.`));
    }
    const previous = this.tails.get(sessionId) ?? Promise.resolve();
    const result = previous.then(job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(sessionId, tail);
    void tail.then(() => {
      if (this.tails.get(sessionId) === tail) this.tails.delete(sessionId);
    });
    return result;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
