// Writes one session's resource-usage samples as chunk files (format: chunk-file.ts), for a 1 Hz
// sampler. The open chunk is appended to on a flush tick every FLUSH_INTERVAL_MS (5 s), shared by
// every writer of the process (one timer): a SIGKILL loses at most the last ~5 s, leaving at most one
// torn line the reader drops. fdatasync is batched (every SYNC_INTERVAL_MS, 30 s, and on seal, flush
// and close): a power cut loses at most ~35 s. A chunk holds MAX_SAMPLES_PER_CHUNK (300) samples, then
// it is sealed and a new one started; each byte is written once. A failed write is cut back and
// retried; nothing is written while no sample is pending. Measurements: docs/design-notes.md.
import { writeSync } from 'node:fs';
import { mkdir, open as openFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../../session-store/atomic-file';
import { storeLayout } from '../../session-store/layout';
import { messageOf } from '../../../shared/errors';
import { CHUNK_SEAL, chunkFileName, chunkHeader, sampleLine } from './chunk-file';
import { checkStoredSample, type StoredSample } from './stored-sample';

/** Chunk files may be read by the owner only, like the session records. */
const FILE_MODE = 0o600;

export const FLUSH_INTERVAL_MS = 5_000;
/** Written lines wait at most about this long for their fdatasync (power-cut durability). */
export const SYNC_INTERVAL_MS = 30_000;
export const MAX_SAMPLES_PER_CHUNK = 300;

export interface MetricsWriterOptions {
  dataDir: string;
  sessionId: string;
  /** How long a sample may wait in memory before it is written; 0: no timer, the caller flushes. */
  flushIntervalMs?: number;
  /**
   * How long written lines may wait for fdatasync on a timed flush (power-cut durability);
   * 0: every write is synced. flush(), close() and a seal always sync; a new file (and its folder)
   * is first synced a sync interval after its creation.
   */
  syncIntervalMs?: number;
  maxSamplesPerChunk?: number;
  /** After every flush that wrote something: e.g. `reader.invalidate(sessionId)`, or a durability report. */
  onFlushed?: (report: FlushReport) => void;
  log?: { warn(message: string): void };
}

export interface FlushReport {
  readonly sessionId: string;
  /** Samples of this writer handed to the kernel: a crash or SIGKILL of the app cannot lose them. */
  readonly writtenSamples: number;
  /** Samples of this writer fdatasynced: a power cut cannot lose them either (all once nothing is pending). */
  readonly durableSamples: number;
  /** Chunk files written by this flush. */
  readonly files: readonly string[];
}

export interface MetricsWriterStats {
  readonly appended: number;
  /** Handed to the kernel (survive a SIGKILL of the app). */
  readonly writtenSamples: number;
  /** fdatasynced (survive a power cut). */
  readonly durableSamples: number;
  /** Every byte handed to the disk (each is written once; retries of a failed write included). */
  readonly bytesWritten: number;
  /** Writes: one per chunk per flush that had lines (or its seal) for it. */
  readonly fileWrites: number;
  /** fdatasyncs of chunk files. */
  readonly fileSyncs: number;
  /** Chunk files this writer started. */
  readonly chunkFiles: number;
}

export interface MetricsWriter {
  readonly sessionId: string;
  /** Buffers a sample (validated: an invalid one throws and is not kept). Not after close(). */
  append(sample: StoredSample): void;
  /** Writes and fdatasyncs every pending sample now; resolves once they are durable. */
  flush(): Promise<void>;
  /** Leaves the flush tick, seals the open chunk and flushes (synced). Idempotent. */
  close(): Promise<void>;
  stats(): MetricsWriterStats;
}

interface Chunk {
  /** The timestamp of each line's sample (the name of a chunk restarted after a failed write needs it). */
  readonly timestamps: string[];
  readonly lines: string[];
  /** Lines already written (in the page cache at least). */
  written: number;
  /** Lines fdatasynced. */
  synced: number;
  /** When the chunk was last fdatasynced (when its file was created, until its first sync). */
  syncedAtMs: number;
  /** The seal is on disk: the chunk is done. */
  sealed: boolean;
  /** Decided at its first write: `{timestamp}.json`, or `-2` etc. when that name is taken. */
  name?: string;
  handle?: FileHandle;
  /** Bytes of the file written whole (what a failed write is cut back to). */
  size: number;
  /** The file was created and its folder not fsynced since. */
  newName?: boolean;
}

/**
 * The flush tick shared by every writer with the same interval: one timer (unref'd: it never keeps
 * the process alive; a clean shutdown calls close()), armed while some writer has work for it.
 */
interface Tick {
  timer?: NodeJS.Timeout;
  readonly due: Set<() => void>;
}
const ticks = new Map<number, Tick>();

function enlist(intervalMs: number, run: () => void): void {
  let tick = ticks.get(intervalMs);
  if (tick === undefined) {
    tick = { due: new Set() };
    ticks.set(intervalMs, tick);
  }
  tick.due.add(run);
  if (tick.timer !== undefined) return;
  const armed = tick;
  armed.timer = setTimeout(() => {
    armed.timer = undefined;
    const runs = [...armed.due];
    armed.due.clear();
    for (const each of runs) each();
  }, intervalMs);
  armed.timer.unref();
}

function delist(intervalMs: number, run: () => void): void {
  const tick = ticks.get(intervalMs);
  if (tick === undefined || !tick.due.delete(run) || tick.due.size > 0 || tick.timer === undefined) return;
  clearTimeout(tick.timer);
  tick.timer = undefined;
}

export function createMetricsWriter(options: MetricsWriterOptions): MetricsWriter {
  const { sessionId, onFlushed } = options;
  const dir = storeLayout(options.dataDir).sessionMetricsDir(sessionId); // refuses a bad session id
  const flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
  const syncIntervalMs = options.syncIntervalMs ?? SYNC_INTERVAL_MS;
  const maxSamples = options.maxSamplesPerChunk ?? MAX_SAMPLES_PER_CHUNK;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError(`maxSamplesPerChunk must be a positive integer, not ${maxSamples}`);
  const warn = (message: string): void => (options.log ?? console).warn(`Metrics writer (${sessionId}): ${message}`);
  const header = chunkHeader(sessionId);

  /** Chunks not yet sealed on disk, oldest first; the last one is the open chunk. */
  let chunks: Chunk[] = [];
  let open: Chunk | undefined;
  const usedNames = new Set<string>();
  let dirReady = false;
  let closed = false;
  let enlisted = false;
  let queue: Promise<void> = Promise.resolve();
  const stats = { appended: 0, writtenSamples: 0, durableSamples: 0, bytesWritten: 0, fileWrites: 0, fileSyncs: 0, chunkFiles: 0 };

  const full = (chunk: Chunk): boolean => chunk.lines.length >= maxSamples;
  const sealDue = (chunk: Chunk): boolean => !chunk.sealed && (full(chunk) || closed || chunk !== open);
  /** Whether a flush has lines to write or a seal to add for the chunk. */
  const unwritten = (chunk: Chunk): boolean => chunk.written < chunk.lines.length || sealDue(chunk);
  /** Whether the chunk has written lines not yet fdatasynced. */
  const unsynced = (chunk: Chunk): boolean => chunk.synced < chunk.written;
  /** A flush's work for the chunk: `sync` (flush(), close()) syncs whatever is unsynced; a timed one only once it is due. */
  const dirty = (chunk: Chunk, sync: boolean, nowMs: number): boolean =>
    unwritten(chunk) || (unsynced(chunk) && (sync || syncIntervalMs <= 0 || nowMs - chunk.syncedAtMs >= syncIntervalMs));

  /** On the shared tick: write what is unwritten, sync what is due; stay on the tick while anything is left. */
  const onTick = (): void => {
    enlisted = false;
    flushWith(false)
      .catch((error: unknown) => warn(`could not write samples (${messageOf(error)}); they are kept in memory and retried.`))
      .finally(() => {
        if (chunks.some((chunk) => unwritten(chunk) || unsynced(chunk))) schedule();
      });
  };

  const schedule = (): void => {
    if (enlisted || closed || flushIntervalMs <= 0) return;
    enlisted = true;
    enlist(flushIntervalMs, onTick);
  };

  /** Creates the chunk's file under a free name (O_EXCL: a file another writer left is never touched). */
  const create = async (chunk: Chunk): Promise<FileHandle> => {
    const first = chunk.timestamps[chunk.written] ?? chunk.timestamps[0] ?? '';
    for (let copy = 1; ; copy += 1) {
      const name = chunkFileName(first, copy);
      if (usedNames.has(name)) continue;
      usedNames.add(name);
      try {
        const handle = await openFile(join(dir, name), 'wx', FILE_MODE);
        chunk.name = name;
        stats.chunkFiles += 1;
        return handle;
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      }
    }
  };

  /**
   * Writes the chunk's unwritten lines (and its seal when due) in one write; fdatasyncs when asked
   * (`sync`), when due (a new file: a sync interval after its creation) and for a seal. Returns the
   * file when it wrote something.
   */
  const writeChunk = async (chunk: Chunk, sync: boolean): Promise<string | undefined> => {
    const count = chunk.lines.length; // lines appended while the write is in flight wait for the next flush
    const seal = sealDue(chunk);
    if (chunk.handle === undefined) {
      chunk.handle = await create(chunk);
      chunk.size = 0;
      chunk.newName = true;
      chunk.syncedAtMs = Date.now(); // its first sync (file and folder) is due a sync interval from now
    }
    const handle = chunk.handle;
    const from = chunk.written;
    let wrote = false;
    if (from < count || seal || chunk.size === 0) {
      const text =
        (chunk.size === 0 ? header : '') +
        (from < count ? (chunk.size === 0 ? '' : ',\n') + chunk.lines.slice(from, count).join(',\n') : '') +
        (seal ? CHUNK_SEAL : '');
      const data = Buffer.from(text);
      try {
        writeAll(handle, data, chunk.size);
      } catch (error) {
        stats.bytesWritten += data.length; // handed to the disk all the same
        await recoverFailedWrite(chunk);
        throw error;
      }
      chunk.size += data.length;
      stats.bytesWritten += data.length;
      stats.fileWrites += 1;
      stats.writtenSamples += count - from;
      chunk.written = count;
      wrote = true;
    }
    const nowMs = Date.now();
    if (sync || seal || syncIntervalMs <= 0 || nowMs - chunk.syncedAtMs >= syncIntervalMs) {
      await handle.datasync();
      stats.fileSyncs += 1;
      if (chunk.newName) {
        await fsyncDir(dir); // the new name itself must survive a power cut
        chunk.newName = false;
      }
      stats.durableSamples += count - chunk.synced;
      chunk.synced = count;
      chunk.syncedAtMs = nowMs;
    }
    if (seal) {
      chunk.sealed = true;
      chunk.handle = undefined;
      await handle.close();
    }
    return wrote ? join(dir, chunk.name ?? '') : undefined;
  };

  /** After a failed write: cut the file back to its whole written length, or leave it and restart the rest elsewhere. */
  const recoverFailedWrite = async (chunk: Chunk): Promise<void> => {
    const handle = chunk.handle;
    if (handle === undefined) return;
    try {
      await handle.truncate(chunk.size);
      await handle.datasync();
    } catch {
      // Leave the file as it is (whole lines, maybe a torn tail: still readable) and put the unwritten
      // lines into a new chunk file at the next flush. Its written lines are synced if the disk lets us.
      chunk.handle = undefined;
      await handle.datasync().catch(() => undefined);
      await handle.close().catch(() => undefined);
      const rest: Chunk = {
        timestamps: chunk.timestamps.slice(chunk.written),
        lines: chunk.lines.slice(chunk.written),
        written: 0,
        synced: 0,
        syncedAtMs: Date.now(),
        sealed: false,
        size: 0,
      };
      chunk.lines.length = chunk.written;
      chunk.timestamps.length = chunk.written;
      chunk.sealed = true; // nothing more goes into that file
      chunks.splice(chunks.indexOf(chunk) + 1, 0, rest);
      if (open === chunk) open = rest;
    }
  };

  const writePending = async (sync: boolean): Promise<void> => {
    const nowMs = Date.now();
    const due = chunks.filter((chunk) => dirty(chunk, sync, nowMs));
    if (due.length === 0) return;
    if (!dirReady) {
      await mkdir(dir, { recursive: true });
      dirReady = true;
    }
    const files: string[] = [];
    for (const chunk of due) {
      if (chunk.lines.length === 0 && chunk.handle === undefined) {
        chunk.sealed = true; // an empty chunk (all its lines moved on) has no file to seal
        continue;
      }
      const file = await writeChunk(chunk, sync);
      if (file !== undefined) files.push(file);
    }
    chunks = chunks.filter((chunk) => !chunk.sealed);
    if (open?.sealed) open = undefined;
    if (files.length === 0) return;
    try {
      onFlushed?.({ sessionId, writtenSamples: stats.writtenSamples, durableSamples: stats.durableSamples, files });
    } catch (error) {
      warn(`onFlushed failed (${messageOf(error)}); the samples are written all the same.`);
    }
  };

  const flushWith = (sync: boolean): Promise<void> => {
    // One flush at a time, in order: a later one never overtakes an earlier one's write.
    const run = queue.then(() => writePending(sync));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    sessionId,
    append(sample) {
      if (closed) throw new Error(`Metrics writer for ${sessionId} is closed: no more samples can be added.`);
      const checked = checkStoredSample(sample);
      if (!checked.ok) throw new TypeError(`Metrics sample refused for ${sessionId}: ${checked.reason}`);
      if (open === undefined || full(open)) {
        open = { timestamps: [], lines: [], written: 0, synced: 0, syncedAtMs: 0, sealed: false, size: 0 };
        chunks.push(open);
      }
      open.lines.push(sampleLine(sample));
      open.timestamps.push(sample.timestamp);
      stats.appended += 1;
      schedule();
    },
    flush: () => flushWith(true),
    async close() {
      closed = true;
      if (enlisted) {
        enlisted = false;
        delist(flushIntervalMs, onTick);
      }
      await flushWith(true);
    },
    stats: () => ({ ...stats }),
  };
}

/**
 * Writes all of data at position (a short write is continued, as fs.writeFile does). Synchronous:
 * a flush appends a few hundred bytes to the page cache, microseconds of work, where each awaited
 * write was a libuv threadpool round trip (two thread wake-ups) costing more CPU than the write
 * itself; with 16 sessions those round trips were most of what remained of the writer's CPU after
 * batching the fdatasyncs (bench/metrics-sampler.bench.ts). What waits for the device, fdatasync,
 * stays off the event loop.
 */
function writeAll(handle: FileHandle, data: Buffer, position: number): void {
  let offset = 0;
  while (offset < data.length) {
    const bytesWritten = writeSync(handle.fd, data, offset, data.length - offset, position + offset);
    if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
    offset += bytesWritten;
  }
}
