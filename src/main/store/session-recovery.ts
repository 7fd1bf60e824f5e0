// The startup scan: reads every session file, keeps the ones it can trust, and finishes whatever
// a crash interrupted. Nothing found here is fatal and nothing is deleted except an active copy
// that a finished history copy has provably superseded (see `supersededActiveCopy`).
//
// Synchronous on purpose: it runs once, before the store serves anything, and a tight loop of
// sync reads is about five times faster than thousands of awaited ones (measured: bench/store.bench.ts).
import { closeSync, constants, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { RunnerSession } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';
import { fsyncDirSync, isTempFileName, writeJsonAtomicSync } from './atomic-file';
import { createFastSessionCheck, type FastSessionCheck } from './fast-session-check';
import { SESSION_FILE_SUFFIX, type StoreLayout } from './layout';
import { messageOf, quarantineFile, type QuarantineWarning } from './quarantine';
import { describeIssues } from './store-errors';

export interface StoreLog {
  warn(message: string): void;
  info?(message: string): void;
}

export interface RecoveredSessions {
  sessions: RunnerSession[];
  warnings: QuarantineWarning[];
}

export function recoverSessions(layout: StoreLayout, now: () => Date, log: StoreLog): RecoveredSessions {
  const found = new Map<string, { session: RunnerSession; file: string }>();
  const check: FileCheck = { isValid: createFastSessionCheck(), read: smallFileReader() };
  const warnings: QuarantineWarning[] = [];
  const quarantine = (file: string, reason: string): void => {
    const warning = quarantineFile(layout.quarantineDir, file, reason, now());
    warnings.push(warning);
    log.warn(`Session store: ${warning.file} ${warning.reason}${warning.movedTo ? `; moved to ${warning.movedTo}` : ''}`);
  };

  // History first: a finished record there outranks anything in active/. Day folders in name
  // order so that, of two copies of one session, the earlier day's is kept (deterministically).
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
      const session = readSessionFile(file, name, check);
      if (typeof session === 'string') {
        quarantine(file, session);
      } else if (!isTerminal(session.status)) {
        const state = `holds session ${session.sessionId} in status '${session.status}'`;
        quarantine(file, `${state}, but history/ only holds finished sessions (terminated, crashed or failed)`);
      } else if (found.has(session.sessionId)) {
        const kept = found.get(session.sessionId)?.file;
        quarantine(file, `is a second copy of session ${session.sessionId}, which was already loaded from ${kept}`);
      } else {
        found.set(session.sessionId, { session, file });
      }
    }
  }

  for (const entry of readdirSync(layout.activeDir, { withFileTypes: true })) {
    const file = join(layout.activeDir, entry.name);
    const session = entry.isFile()
      ? readSessionFile(file, entry.name, check)
      : describeStray(entry, 'the store only keeps <sessionId>.json files here');
    if (typeof session === 'string') {
      quarantine(file, session);
      continue;
    }
    const finished = found.get(session.sessionId);
    // A repair that fails (disk full, permissions) leaves the files as they were, to retry next start.
    const retryLater = (what: string, error: unknown): void =>
      log.warn(`Session store: could not ${what} (${messageOf(error)}); it will be tried again on the next start.`);
    if (finished) {
      try {
        supersededActiveCopy(file, layout.activeDir);
        log.info?.(`Session store: removed ${file}; session ${session.sessionId} had already finished (${finished.file}).`);
      } catch (error) {
        retryLater(`remove ${file}, an older copy of the finished session in ${finished.file}`, error);
      }
    } else if (isTerminal(session.status)) {
      try {
        const moved = finishMoveToHistory(session, file, layout, now());
        found.set(session.sessionId, moved);
        log.info?.(`Session store: moved finished session ${session.sessionId} from active/ to ${moved.file}.`);
      } catch (error) {
        found.set(session.sessionId, { session, file });
        retryLater(`move finished session ${session.sessionId} from ${file} to history/`, error);
      }
    } else {
      found.set(session.sessionId, { session, file });
    }
  }

  return { sessions: [...found.values()].map((f) => f.session), warnings };
}

/** The session, or why the file cannot be used (a plain string: no result object per file). */
type SessionOrReason = RunnerSession | string;

interface FileCheck {
  isValid: FastSessionCheck;
  read: (file: string) => string;
}

function readSessionFile(file: string, name: string, { isValid, read }: FileCheck): SessionOrReason {
  if (isTempFileName(name)) {
    return (
      'is a temp file left by a writer that stopped mid-write; ' +
      'it may hold a newer state than the session file, so it is kept for inspection'
    );
  }
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
  let session: RunnerSession;
  if (isValid(json)) {
    session = json;
  } else {
    const parsed = RunnerSession.safeParse(json);
    if (!parsed.success) return `is not a valid RunnerSession: ${describeIssues(parsed.error)}`;
    session = parsed.data;
  }
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
