// Where session records live on disk (shared/data-model.md, "Storage Implementation"):
//
//   <dataDir>/runner-sessions/
//     active/{sessionId}.json                 sessions not yet finished
//     history/{YYYY-MM-DD}/{sessionId}.json   finished sessions, by the UTC date of their endTime
//     metrics/{sessionId}/{timestamp}.json    resource usage samples
//     quarantine/                             files the store could not trust, kept for a person
import { join } from 'node:path';
import { SESSION_ID_PATTERN } from '../../shared/model/entities';

export const SESSION_FILE_SUFFIX = '.json';

export interface StoreLayout {
  readonly root: string;
  readonly activeDir: string;
  readonly historyDir: string;
  readonly metricsDir: string;
  readonly quarantineDir: string;
  /** Container output, one bounded file per session (kept with its record, outside the scanned folders). */
  readonly logsDir: string;
  activeFile(sessionId: string): string;
  historyDayDir(day: string): string;
  /** The history file of a session that ended at `endTime` (or `now` when it has none). */
  historyFile(sessionId: string, endTime: string | undefined, now: Date): string;
  sessionMetricsDir(sessionId: string): string;
  metricsSampleFile(sessionId: string, timestamp: Date | string): string;
  sessionLogFile(sessionId: string): string;
}

export function storeLayout(dataDir: string): StoreLayout {
  const root = join(dataDir, 'runner-sessions');
  const activeDir = join(root, 'active');
  const historyDir = join(root, 'history');
  const metricsDir = join(root, 'metrics');
  return {
    root,
    activeDir,
    historyDir,
    metricsDir,
    quarantineDir: join(root, 'quarantine'),
    logsDir: join(root, 'logs'),
    activeFile: (sessionId) => join(activeDir, sessionFileName(sessionId)),
    historyDayDir: (day) => join(historyDir, day),
    historyFile: (sessionId, endTime, now) =>
      join(historyDir, historyDay(endTime, now), sessionFileName(sessionId)),
    sessionMetricsDir: (sessionId) => join(metricsDir, checkedSessionId(sessionId)),
    metricsSampleFile: (sessionId, timestamp) =>
      join(metricsDir, checkedSessionId(sessionId), `${fileSafeTimestamp(timestamp)}.json`),
    sessionLogFile: (sessionId) => join(root, 'logs', `${checkedSessionId(sessionId)}.log`),
  };
}

/** `{sessionId}.json`; refuses anything that is not a session id, so no path can escape the store. */
export function sessionFileName(sessionId: string): string {
  return `${checkedSessionId(sessionId)}${SESSION_FILE_SUFFIX}`;
}

/** The UTC calendar day (YYYY-MM-DD) of `endTime`, or of `now` when the session has no end time. */
export function historyDay(endTime: string | undefined, now: Date): string {
  const when = endTime === undefined ? now : new Date(endTime);
  if (Number.isNaN(when.getTime())) {
    throw new Error(`Cannot file a session under history/: its endTime "${endTime}" is not a date.`);
  }
  return when.toISOString().slice(0, 10);
}

/**
 * An ISO-8601 instant with `:` replaced by `-` (`2025-10-29T14-30-00.123Z`): sorts by time and is
 * a valid file name on every OS.
 */
export function fileSafeTimestamp(timestamp: Date | string): string {
  const when = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  if (Number.isNaN(when.getTime())) throw new Error(`"${String(timestamp)}" is not a date and time.`);
  return when.toISOString().replaceAll(':', '-');
}

function checkedSessionId(sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) {
    throw new Error(`"${sessionId}" is not a session id: session ids look like sess_<uuid>.`);
  }
  return sessionId;
}
