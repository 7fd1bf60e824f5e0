// The startup scan: reads every session file, keeps the ones it can trust, and finishes whatever
// a crash interrupted. Nothing found here is fatal. Nothing is deleted except an active copy that a
// finished history copy has provably superseded (see `supersededActiveCopy`) and the temp files of
// interrupted atomic writes (see atomic-file.ts); every other file it will not use is quarantined.
// Of several copies of one session, the records decide which is kept (session-copies.ts).
//
// Synchronous on purpose: it runs once, before the store serves anything, and a tight loop of
// sync reads is about five times faster than thousands of awaited ones (measured: bench/store.bench.ts).
import { closeSync, constants, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { SESSION_ID_PATTERN, type RunnerSession } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';
import { fsyncDirSync, tempFileTarget, writeJsonAtomicSync } from './atomic-file';
import { SESSION_FILE_SUFFIX, type StoreLayout } from './layout';
import { messageOf } from '../../shared/errors';
import { quarantineFile, type QuarantineWarning } from './quarantine';
import { compareCopies, isSameRecord, rankCopies, reasonToPrefer, type SessionCopy } from './session-copies';
import { checkSessionFile } from './session-file-check';

export interface StoreLog {
  warn(message: string): void;
  info?(message: string): void;
}

export interface RecoveredSessions {
  sessions: RunnerSession[];
  warnings: QuarantineWarning[];
}

export function recoverSessions(layout: StoreLayout, now: () => Date, log: StoreLog): RecoveredSessions {
  const found = new Map<string, SessionCopy>();
  const read = smallFileReader();
  const warnings: QuarantineWarning[] = [];
  const quarantine = (file: string, reason: string): void => {
    const warning = quarantineFile(layout.quarantineDir, file, reason, now());
    warnings.push(warning);
    log.warn(`Session store: ${warning.file} ${warning.reason}${warning.movedTo ? `; moved to ${warning.movedTo}` : ''}`);
  };
  // A write that died before its rename: its temp file never took effect (atomic-file.ts). Anything
  // that only looks like one, or that cannot be removed, is set aside like any other stray file.
  const droppedTempFile = (file: string, name: string): boolean => {
    const target = tempFileTarget(name);
    if (target === undefined || !isSessionFileName(target)) return false;
    try {
      unlinkSync(file);
    } catch (error) {
      quarantine(file, `is the temp file of an interrupted write and could not be removed (${messageOf(error)})`);
      return true;
    }
    log.info?.(`Session store: removed ${file}, the temp file of a write that was interrupted before it took effect.`);
    return true;
  };

  // History first: a finished record there outranks a live one in active/. Copies of one session
  // in several day folders are all read, and the records decide which one is kept (session-copies.ts).
  const extraCopies = new Map<string, SessionCopy[]>();
  for (const day of readdirSync(layout.historyDir, { withFileTypes: true }).sort(byName)) {
    const dayPath = join(layout.historyDir, day.name);
    if (!day.isDirectory()) {
      quarantine(dayPath, describeStray(day, 'history/ should only hold YYYY-MM-DD folders'));
      continue;
    }
    // Plain names, not Dirents: this loop runs once per finished session and is the hot path.
    const dayPrefix = dayPath + sep; // join() would re-normalise a path already normal, per file
    for (const name of readdirSync(dayPath)) {
      const file = dayPrefix + name;
      if (name.charCodeAt(0) === DOT && droppedTempFile(file, name)) continue;
      const session = readSessionFile(file, name, read);
      if (typeof session === 'string') {
        quarantine(file, session);
      } else if (!isTerminal(session.status)) {
        const state = `holds session ${session.sessionId} in status '${session.status}'`;
        quarantine(file, `${state}, but history/ only holds finished sessions (terminated, crashed or failed)`);
      } else if (found.has(session.sessionId)) {
        const extra = extraCopies.get(session.sessionId);
        if (extra) extra.push({ session, file });
        else extraCopies.set(session.sessionId, [{ session, file }]);
      } else {
        found.set(session.sessionId, { session, file });
      }
    }
  }
  for (const [sessionId, extra] of extraCopies) {
    const [kept, ...others] = rankCopies([...extra, found.get(sessionId) as SessionCopy]) as [SessionCopy, ...SessionCopy[]];
    found.set(sessionId, kept);
    for (const other of others) quarantine(other.file, otherCopyReason(kept, other));
  }

  for (const entry of readdirSync(layout.activeDir, { withFileTypes: true })) {
    const file = join(layout.activeDir, entry.name);
    if (entry.isFile() && droppedTempFile(file, entry.name)) continue;
    const session = entry.isFile()
      ? readSessionFile(file, entry.name, read)
      : describeStray(entry, 'the store only keeps <sessionId>.json files here');
    if (typeof session === 'string') {
      quarantine(file, session);
      continue;
    }
    const finished = found.get(session.sessionId);
    // A repair that fails (disk full, permissions) leaves the files as they were, to retry next start.
    const retryLater = (what: string, error: unknown): void =>
      log.warn(`Session store: could not ${what} (${messageOf(error)}); it will be tried again on the next start.`);
    const moveFinished = (): void => {
      try {
        const moved = finishMoveToHistory(session, file, layout, now());
        found.set(session.sessionId, moved);
        log.info?.(`Session store: moved finished session ${session.sessionId} from active/ to ${moved.file}.`);
      } catch (error) {
        found.set(session.sessionId, { session, file });
        retryLater(`move finished session ${session.sessionId} from ${file} to history/`, error);
      }
    };
    if (finished && (!isTerminal(session.status) || isSameRecord(finished.session, session))) {
      try {
        supersededActiveCopy(file, layout.activeDir);
        log.info?.(`Session store: removed ${file}; session ${session.sessionId} had already finished (${finished.file}).`);
      } catch (error) {
        retryLater(`remove ${file}, an older copy of the finished session in ${finished.file}`, error);
      }
    } else if (finished) {
      // Two different finished records: a stray copy on one side. The better one is kept (and filed
      // under history/ if it is the active one), the other set aside before anything is moved.
      const active = { session, file };
      if (compareCopies(finished, active) <= 0) {
        quarantine(file, otherCopyReason(finished, active));
      } else {
        quarantine(finished.file, otherCopyReason(active, finished));
        moveFinished();
      }
    } else if (isTerminal(session.status)) {
      moveFinished();
    } else {
      found.set(session.sessionId, { session, file });
    }
  }

  return { sessions: [...found.values()].map((f) => f.session), warnings };
}

const DOT = 0x2e;

function isSessionFileName(name: string): boolean {
  return name.endsWith(SESSION_FILE_SUFFIX) && SESSION_ID_PATTERN.test(name.slice(0, -SESSION_FILE_SUFFIX.length));
}

function otherCopyReason(kept: SessionCopy, other: SessionCopy): string {
  const why = reasonToPrefer(kept, other) ?? 'the two are the same record';
  return (
    `is another copy of session ${other.session.sessionId}; the copy in ${kept.file} was kept because ${why}. ` +
    'If this copy is the right one, stop the app and put it back in place of the other.'
  );
}

/** The session, or why the file cannot be used (a plain string: no result object per file). */
type SessionOrReason = RunnerSession | string;

function readSessionFile(file: string, name: string, read: (file: string) => string): SessionOrReason {
  if (!name.endsWith(SESSION_FILE_SUFFIX)) {
    return 'is a file the store did not write (the store only keeps <sessionId>.json files here)';
  }
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    const isFolder = error instanceof Error && 'code' in error && error.code === 'EISDIR';
    return isFolder ? 'is a folder the store did not write' : `could not be read: ${messageOf(error)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `is not valid JSON (${messageOf(error)}); it may have been cut short by a crash or edited by hand`;
  }
  const session = checkSessionFile(json);
  if (typeof session === 'string') return `is not a valid RunnerSession: ${session}`;
  const expected = `${session.sessionId}${SESSION_FILE_SUFFIX}`;
  if (name !== expected) {
    return `holds session ${session.sessionId} but is named ${name}; it should be named ${expected}`;
  }
  return session;
}

/**
 * The same session is in history/ and active/: update() died after writing the history copy and
 * before unlinking the active one. update() fsyncs the history copy before that unlink, and a
 * session in history is final, so the active copy is always an older state of it. Removing it is
 * exactly the step update() was about to take; quarantining it would leave a stale file to clear
 * by hand after every such crash, with nothing in it worth reading.
 */
function supersededActiveCopy(file: string, activeDir: string): void {
  unlinkSync(file);
  fsyncDirSync(activeDir);
}

/**
 * A finished session still in active/ (written by hand or by an older build): file it under
 * history/ as update() would have. Without an endTime, the file's last change is the best
 * estimate of when it ended.
 */
function finishMoveToHistory(
  session: RunnerSession,
  file: string,
  layout: StoreLayout,
  now: Date,
): { session: RunnerSession; file: string } {
  const finished = session.endTime === undefined ? { ...session, endTime: statSync(file).mtime.toISOString() } : session;
  const target = layout.historyFile(finished.sessionId, finished.endTime, now);
  // A day folder created here needs history/'s own entry for it made durable too.
  if (mkdirSync(dirname(target), { recursive: true }) !== undefined) fsyncDirSync(layout.historyDir);
  writeJsonAtomicSync(target, finished);
  unlinkSync(file);
  fsyncDirSync(layout.activeDir);
  return { session: finished, file: target };
}

/**
 * Reads whole small files through one reused buffer: no per-file allocation, no fstat and a
 * single read(); over thousands of session files that measured 10-20% faster than readFileSync.
 * A regular file returns a short read only at its end, so a read that does not fill the buffer
 * has the whole file; one that does (a file of 64 KiB or more) is read again the plain way.
 * O_NONBLOCK: a named pipe planted among the sessions fails to read instead of hanging startup.
 */
function smallFileReader(): (file: string) => string {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
  return (file) => {
    const fd = openSync(file, flags);
    try {
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      return length < buffer.length ? buffer.toString('utf8', 0, length) : readFileSync(file, 'utf8');
    } finally {
      closeSync(fd);
    }
  };
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function describeStray(entry: Dirent, expectation: string): string {
  return `is ${entry.isDirectory() ? 'a folder' : 'a file'} the store did not write (${expectation})`;
}
