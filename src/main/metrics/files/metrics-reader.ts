// Reads a session's chunk files back (format: chunk-file.ts), in time order.
//
// - Files are read in name order (= order of their first sample); if samples still come out of
//   order (a clock set back, a restarted writer), they are sorted by time, stably.
// - A chunk that cannot be trusted (not JSON, another session's, an invalid sample) is moved to
//   quarantine/ with a reason (store/quarantine.ts), never deleted; the other chunks still count.
//   Other stray files are quarantined the same way. Temp files of a writer (`.name.tmp-pid-…`)
//   are skipped: the renamed chunk beside them is the durable state, and one may be a live write.
// - A small LRU cache keeps the parsed samples of the last few sessions, file by file, for warm
//   queries. A cached session is stale when `invalidate(sessionId)` was called (wire it to the
//   writer's onFlushed), when its folder's mtime moved (a chunk file was created, pruned or
//   quarantined) or when its newest chunk changed (the writer appends to it): two stats per warm
//   read also catch writers it was not told about. Then the folder is listed again and only files
//   whose inode, size or mtime changed are re-read: for a live session, just the open chunk.
// - An open chunk (being appended to, or left so by a crash) is read up to its last whole line; a
//   torn last line is dropped, not quarantined (chunk-file.ts): the next read sees it whole.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTempFileName } from '../../session-store/atomic-file';
import { storeLayout } from '../../session-store/layout';
import { messageOf } from '../../../shared/errors';
import { quarantineFile, type QuarantineWarning } from '../../session-store/quarantine';
import { isChunkFileName, parseChunk } from './chunk-file';
import { sampleTimeMs } from './sample-time';
import type { StoredSample } from './stored-sample';

export const DEFAULT_CACHED_SESSIONS = 8;

export interface MetricsReaderOptions {
  dataDir: string;
  /** Sessions whose parsed samples are kept for warm queries (least recently used goes first). */
  cachedSessions?: number;
  now?: () => Date;
  log?: { warn(message: string): void };
}

/** A session's samples in time order; `timesMs[i]` is `samples[i].timestamp` in ms since the epoch. */
export interface SessionSamples {
  readonly sessionId: string;
  readonly samples: readonly StoredSample[];
  readonly timesMs: readonly number[];
  readonly files: number;
}

export interface MetricsReader {
  /** Every stored sample of the session; none (not an error) when it has no metrics folder. */
  read(sessionId: string): Promise<SessionSamples>;
  /** The session's files changed (the writer flushed, retention pruned): the next read looks again. */
  invalidate(sessionId: string): void;
  /** Files quarantined by this reader so far. */
  readonly warnings: readonly QuarantineWarning[];
}

interface CachedFile {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly samples: readonly StoredSample[];
  readonly timesMs: readonly number[];
}

interface CachedSession {
  /** The session's generation when this was read; stale once invalidate() moved it on. */
  readonly generation: number;
  /** Its folder's mtime, taken before the listing (NaN: there was no folder). */
  readonly dirMtimeMs: number;
  readonly files: ReadonlyMap<string, CachedFile>;
  /** The newest chunk's name (the one a writer appends to), when there is one. */
  readonly newest?: string;
  readonly result: SessionSamples;
}

export function createMetricsReader(options: MetricsReaderOptions): MetricsReader {
  const layout = storeLayout(options.dataDir);
  const capacity = Math.max(0, options.cachedSessions ?? DEFAULT_CACHED_SESSIONS);
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, CachedSession>(); // insertion order = least recently used first
  const generations = new Map<string, number>();
  const warnings: QuarantineWarning[] = [];

  const quarantine = (file: string, reason: string): void => {
    mkdirSync(layout.quarantineDir, { recursive: true });
    const warning = quarantineFile(layout.quarantineDir, file, reason, now());
    warnings.push(warning);
    (options.log ?? console).warn(`Metrics: ${warning.file} ${warning.reason}${warning.movedTo ? `; moved to ${warning.movedTo}` : ''}`);
  };

  const load = (sessionId: string, generation: number, previous: CachedSession | undefined): SessionSamples => {
    const dir = layout.sessionMetricsDir(sessionId);
    const dirMtimeMs = folderMtimeMs(dir);
    const names = listChunks(dir, quarantine);
    const files = new Map<string, CachedFile>();
    for (const name of names) {
      const file = join(dir, name);
      const read = readChunkFile(file, sessionId, previous?.files.get(name));
      if (typeof read === 'string') quarantine(file, read);
      else if (read !== undefined) files.set(name, read);
    }
    const result = merge(sessionId, names.flatMap((name) => files.get(name) ?? []));
    if (capacity > 0) {
      cache.delete(sessionId);
      const newest = names.at(-1);
      cache.set(sessionId, { generation, dirMtimeMs, files, result, ...(newest !== undefined ? { newest } : {}) });
      for (const oldest of cache.keys()) {
        if (cache.size <= capacity) break;
        cache.delete(oldest);
      }
    }
    return result;
  };

  return {
    warnings,
    read(sessionId) {
      // Synchronous inside (see readChunkFile), so two reads never interleave or quarantine twice;
      // a Promise all the same, so that could change without touching callers.
      try {
        const cached = cache.get(sessionId);
        const generation = generations.get(sessionId) ?? 0;
        const dir = layout.sessionMetricsDir(sessionId);
        const fresh =
          cached?.generation === generation &&
          Object.is(cached.dirMtimeMs, folderMtimeMs(dir)) &&
          (cached.newest === undefined || unchanged(join(dir, cached.newest), cached.files.get(cached.newest)));
        if (cached && fresh) {
          cache.delete(sessionId);
          cache.set(sessionId, cached); // most recently used
          return Promise.resolve(cached.result);
        }
        return Promise.resolve(load(sessionId, generation, cached));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    invalidate(sessionId) {
      generations.set(sessionId, (generations.get(sessionId) ?? 0) + 1);
    },
  };
}

/**
 * The chunk's samples (the cached ones when its size, mtime and inode are unchanged), why it cannot
 * be trusted, or undefined when it has gone since the listing (pruned, quarantined). Synchronous: for
 * the 36 files of a three-hour session, sync reads took ~2.5 ms where awaited ones took 8-17 ms
 * (bench/metrics-query.bench.ts's machine), and parsing them blocks the event loop longer anyway.
 */
function readChunkFile(file: string, sessionId: string, known: CachedFile | undefined): CachedFile | string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    // stat and read through one descriptor: the writer may rename a newer version in between.
    const info = fstatSync(fd);
    if (known && known.ino === info.ino && known.size === info.size && known.mtimeMs === info.mtimeMs) return known;
    const parsed = parseChunk(readFileSync(fd, 'utf8'), sessionId);
    if (!parsed.ok) return parsed.reason;
    const count = parsed.samples.length;
    const timesMs = new Array<number>(count);
    for (let i = 0; i < count; i += 1) timesMs[i] = sampleTimeMs((parsed.samples[i] as StoredSample).timestamp);
    return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, samples: parsed.samples, timesMs };
  } catch (error) {
    return `could not be read: ${messageOf(error)}`;
  } finally {
    closeSync(fd);
  }
}

/** Whether the file is still the one cached (same inode, size and mtime). */
function unchanged(file: string, known: CachedFile | undefined): boolean {
  if (known === undefined) return false;
  try {
    const info = statSync(file);
    return info.ino === known.ino && info.size === known.size && info.mtimeMs === known.mtimeMs;
  } catch {
    return false;
  }
}

function folderMtimeMs(dir: string): number {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return Number.NaN;
  }
}

/** Chunk file names in order; strays quarantined, temp files skipped, no folder = no chunks. */
function listChunks(dir: string, quarantine: (file: string, reason: string) => void): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw new Error(`Cannot list the metrics of ${dir}: ${messageOf(error)}`, { cause: error });
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (isTempFileName(entry.name)) continue;
    if (entry.isFile() && isChunkFileName(entry.name)) names.push(entry.name);
    else quarantine(join(dir, entry.name), 'is not a metrics chunk file (the metrics writer only writes <timestamp>.json files here)');
  }
  return names.sort();
}

function merge(sessionId: string, parts: readonly CachedFile[]): SessionSamples {
  let total = 0;
  for (const part of parts) total += part.samples.length;
  // Sized once: 10,800 pushes grew (and copied) both arrays a dozen times.
  const samples = new Array<StoredSample>(total);
  const timesMs = new Array<number>(total);
  let ordered = true;
  let at = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const part of parts) {
    for (let i = 0; i < part.samples.length; i += 1) {
      const time = part.timesMs[i] ?? Number.NaN;
      if (time < last) ordered = false;
      last = time;
      samples[at] = part.samples[i] as StoredSample;
      timesMs[at] = time;
      at += 1;
    }
  }
  if (!ordered) {
    const order = timesMs.map((_, i) => i).sort((a, b) => (timesMs[a] ?? 0) - (timesMs[b] ?? 0) || a - b);
    return {
      sessionId,
      samples: order.map((i) => samples[i] as StoredSample),
      timesMs: order.map((i) => timesMs[i] ?? 0),
      files: parts.length,
    };
  }
  return { sessionId, samples, timesMs, files: parts.length };
}
