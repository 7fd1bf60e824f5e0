// Retention: the metrics of sessions that ended more than `retentionDays` ago are deleted, folder
// and all. The caller passes the history records ({sessionId, endTime}) and the active sessions;
// an active session's folder is never touched, whatever its history or age says.
//
// Prune metrics before (or together with) the history records they go with: a folder whose
// session has no history record any more (an orphan) is judged by the newest chunk's name (the
// time its first sample was taken), or by the folder's mtime when it holds no chunk; it goes too
// once that is older than the retention. Anything in metrics/ that is not a session folder is left alone.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SESSION_ID_PATTERN } from '../../../shared/model/entities';
import { storeLayout } from '../../session-store/layout';
import { messageOf } from '../../../shared/errors';
import { chunkStartMs } from './chunk-file';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

export interface MetricsRetentionOptions {
  dataDir: string;
  /** Finished sessions, from history/: when they ended. */
  history: readonly { readonly sessionId: string; readonly endTime?: string }[];
  /** Sessions not finished (active/): their metrics are never pruned. */
  activeSessionIds: Iterable<string>;
  retentionDays?: number;
  now?: Date;
}

export interface PrunedSessionMetrics {
  readonly sessionId: string;
  /** `history`: its record ended before the cutoff; `orphan`: no record with an endTime, judged by its files. */
  readonly why: 'history' | 'orphan';
  /** When the session ended (history) or its newest chunk began (orphan), ISO-8601. */
  readonly endedAt: string;
  readonly files: number;
  readonly bytes: number;
}

export interface MetricsRetentionResult {
  readonly cutoff: string;
  readonly removed: PrunedSessionMetrics[];
  /** Folders that should have gone but could not be removed (tried again next time). */
  readonly failed: { readonly sessionId: string; readonly error: string }[];
}

export async function pruneMetrics(options: MetricsRetentionOptions): Promise<MetricsRetentionResult> {
  const days = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`The metrics retention must be a positive number of days, not ${days}.`);
  }
  const now = options.now ?? new Date();
  const cutoffMs = now.getTime() - days * DAY_MS;
  const layout = storeLayout(options.dataDir);
  const active = new Set(options.activeSessionIds);
  const ended = new Map<string, number>();
  for (const record of options.history) {
    const ms = record.endTime === undefined ? Number.NaN : Date.parse(record.endTime);
    if (!Number.isNaN(ms)) ended.set(record.sessionId, Math.max(ms, ended.get(record.sessionId) ?? ms));
  }

  const removed: PrunedSessionMetrics[] = [];
  const failed: { sessionId: string; error: string }[] = [];
  for (const sessionId of await listFolders(layout.metricsDir)) {
    if (!SESSION_ID_PATTERN.test(sessionId) || active.has(sessionId)) continue;
    const dir = layout.sessionMetricsDir(sessionId);
    try {
      const { files, bytes, newestChunkMs, mtimeMs } = await describeFolder(dir);
      const historyEnd = ended.get(sessionId);
      const endMs = historyEnd ?? (Number.isNaN(newestChunkMs) ? mtimeMs : newestChunkMs);
      if (endMs >= cutoffMs) continue;
      await rm(dir, { recursive: true, force: true });
      removed.push({ sessionId, why: historyEnd === undefined ? 'orphan' : 'history', endedAt: new Date(endMs).toISOString(), files, bytes });
    } catch (error) {
      failed.push({ sessionId, error: messageOf(error) });
    }
  }
  return { cutoff: new Date(cutoffMs).toISOString(), removed, failed };
}

async function listFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}

async function describeFolder(dir: string): Promise<{ files: number; bytes: number; newestChunkMs: number; mtimeMs: number }> {
  const { mtimeMs } = await stat(dir);
  let files = 0;
  let bytes = 0;
  let newestChunkMs = Number.NaN;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(dir, entry.name))).size;
    const start = chunkStartMs(entry.name);
    if (!Number.isNaN(start) && !(start <= newestChunkMs)) newestChunkMs = start;
  }
  return { files, bytes, newestChunkMs, mtimeMs };
}
