// Writes one session's resource-usage samples as chunk files (format: chunk-file.ts).
//
// Chunk policy, for a 1 Hz sampler:
// - The open chunk is APPENDED to, FLUSH_INTERVAL_MS (5 s) after its oldest unwritten sample: the
//   new lines in one write, then fdatasync. Its first write creates the file (O_EXCL: never another
//   writer's) with the header and fsyncs the folder, so the name survives a power cut too. What is on
//   disk is always a prefix of the sealed chunk (chunk-file.ts): a SIGKILL or power cut loses at most
//   the last ~5 s of samples plus the write in flight, which can leave one torn line at the end; the
//   reader keeps every whole line and drops only that torn tail.
// - A chunk holds at most MAX_SAMPLES_PER_CHUNK (300, five minutes) samples, then it is sealed
//   (`\n]}\n` appended, fsynced: one JSON document from then on) and a new file is started: a
//   three-hour session (10,800 samples) is 36 files, not 10,800. close() seals the open chunk.
//   Appending made the bytes written independent of the chunk size; larger chunks (600, 900) made
//   no difference to a cold query measurable above the noise (bench/metrics-query.bench.ts).
// - Each byte is written once: 173 bytes a sample (bench/metrics-query.bench.ts) is ~0.6 MiB per
//   session-hour written for ~0.6 MiB kept. (Rewriting the open chunk whole, atomically, every 5 s,
//   as this writer did before, wrote 18.1 MiB per session-hour for the same 0.59 MiB.)
// - A write that fails (disk full) may have left part of its bytes: the file is cut back to its last
//   durable length and the lines stay pending, retried; if it cannot be cut back, the file is left as
//   it is (readable up to its torn tail) and the pending lines go to a new chunk file.
// - Nothing is written while no sample is pending: an idle or paused session costs nothing.
import { mkdir, open as openFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../../store/atomic-file';
import { storeLayout } from '../../store/layout';
import { messageOf } from '../../store/quarantine';
import { CHUNK_SEAL, chunkFileName, chunkHeader, sampleLine } from './chunk-file';
import { isStoredSampleFast } from './fast-sample-check';
import { checkStoredSample, type StoredSample } from './stored-sample';

/** Chunk files may be read by the owner only, like the session records. */
const FILE_MODE = 0o600;

export const FLUSH_INTERVAL_MS = 5_000;
export const MAX_SAMPLES_PER_CHUNK = 300;

export interface MetricsWriterOptions {
  dataDir: string;
  sessionId: string;
  /** How long a sample may wait in memory before it is written; 0: no timer, the caller flushes. */
  flushIntervalMs?: number;
  maxSamplesPerChunk?: number;
  /** After every flush that wrote something: e.g. `reader.invalidate(sessionId)`, or a durability report. */
  onFlushed?: (report: FlushReport) => void;
  log?: { warn(message: string): void };
}

export interface FlushReport {
  readonly sessionId: string;
  /** Samples of this writer now on disk (all of them when nothing is pending). */
  readonly durableSamples: number;
  /** Chunk files written by this flush. */
  readonly files: readonly string[];
}

export interface MetricsWriterStats {
  readonly appended: number;
  readonly durableSamples: number;
  /** Every byte handed to the disk (each is written once; retries of a failed write included). */
  readonly bytesWritten: number;
  /** Writes (each followed by an fsync): one per chunk per flush that had lines (or its seal) for it. */
  readonly fileWrites: number;
  /** Chunk files this writer started. */
  readonly chunkFiles: number;
}

export interface MetricsWriter {
  readonly sessionId: string;
  /** Buffers a sample (validated: an invalid one throws and is not kept). Not after close(). */
  append(sample: StoredSample): void;
  /** Writes every pending sample now; resolves once they are durable. */
  flush(): Promise<void>;
  /** Stops the timer and flushes. Idempotent. */
  close(): Promise<void>;
  stats(): MetricsWriterStats;
}

interface Chunk {
  /** The timestamp of each line's sample (the name of a chunk restarted after a failed write needs it). */
  readonly timestamps: string[];
  readonly lines: string[];
  /** Lines already on disk. */
  written: number;
  /** The seal is on disk: the chunk is done. */
  sealed: boolean;
  /** Decided at its first write: `{timestamp}.json`, or `-2` etc. when that name is taken. */
  name?: string;
  handle?: FileHandle;
  /** Bytes of the file known durable (what a failed write is cut back to). */
  size: number;
  /** The file was created and its folder not fsynced since. */
  newName?: boolean;
}

export function createMetricsWriter(options: MetricsWriterOptions): MetricsWriter {
  const { sessionId, onFlushed } = options;
  const dir = storeLayout(options.dataDir).sessionMetricsDir(sessionId); // refuses a bad session id
  const flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
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
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  const stats = { appended: 0, durableSamples: 0, bytesWritten: 0, fileWrites: 0, chunkFiles: 0 };

  const full = (chunk: Chunk): boolean => chunk.lines.length >= maxSamples;
  /** Whether a flush has something to do for the chunk: lines to write, or a seal (full, or closing). */
  const dirty = (chunk: Chunk): boolean => chunk.written < chunk.lines.length || (!chunk.sealed && (full(chunk) || closed || chunk !== open));
  const pending = (): boolean => chunks.some(dirty);

  const schedule = (): void => {
    if (timer !== undefined || closed || flushIntervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush().catch((error: unknown) => {
        warn(`could not write samples (${messageOf(error)}); they are kept in memory and retried.`);
        if (pending()) schedule();
      });
    }, flushIntervalMs);
    // The timer alone must not keep a process alive: a clean shutdown calls close(), which flushes.
    timer.unref();
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

  /** Writes the chunk's unwritten lines (and its seal when due) in one write, then fsyncs. */
  const writeChunk = async (chunk: Chunk): Promise<string> => {
    const count = chunk.lines.length; // lines appended while the write is in flight wait for the next flush
    const seal = full(chunk) || closed || chunk !== open;
    if (chunk.handle === undefined) {
      chunk.handle = await create(chunk);
      chunk.size = 0;
      chunk.newName = true;
    }
    const from = chunk.written;
    const text =
      (chunk.size === 0 ? header : '') +
      (from < count ? (chunk.size === 0 ? '' : ',\n') + chunk.lines.slice(from, count).join(',\n') : '') +
      (seal ? CHUNK_SEAL : '');
    const data = Buffer.from(text);
    try {
      await writeAll(chunk.handle, data, chunk.size);
      await chunk.handle.datasync();
    } catch (error) {
      stats.bytesWritten += data.length; // handed to the disk all the same
      await recoverFailedWrite(chunk);
      throw error;
    }
    if (chunk.newName) {
      await fsyncDir(dir); // the new name itself must survive a power cut
      chunk.newName = false;
    }
    chunk.size += data.length;
    stats.bytesWritten += data.length;
    stats.fileWrites += 1;
    stats.durableSamples += count - from;
    chunk.written = count;
    const file = join(dir, chunk.name ?? '');
    if (seal) {
      chunk.sealed = true;
      const handle = chunk.handle;
      chunk.handle = undefined;
      await handle.close();
    }
    return file;
  };

  /** After a failed write: cut the file back to its durable length, or leave it and restart the rest elsewhere. */
  const recoverFailedWrite = async (chunk: Chunk): Promise<void> => {
    const handle = chunk.handle;
    if (handle === undefined) return;
    try {
      await handle.truncate(chunk.size);
      await handle.datasync();
    } catch {
      // Leave the file as it is (whole lines, maybe a torn tail: still readable) and put the unwritten
      // lines into a new chunk file at the next flush.
      chunk.handle = undefined;
      await handle.close().catch(() => undefined);
      const rest: Chunk = { timestamps: chunk.timestamps.slice(chunk.written), lines: chunk.lines.slice(chunk.written), written: 0, sealed: false, size: 0 };
      chunk.lines.length = chunk.written;
      chunk.timestamps.length = chunk.written;
      chunk.sealed = true; // nothing more goes into that file
      chunks.splice(chunks.indexOf(chunk) + 1, 0, rest);
      if (open === chunk) open = rest;
    }
  };

  const writePending = async (): Promise<void> => {
    const due = chunks.filter(dirty);
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
      files.push(await writeChunk(chunk));
    }
    chunks = chunks.filter((chunk) => !chunk.sealed);
    if (open?.sealed) open = undefined;
    if (files.length === 0) return;
    try {
      onFlushed?.({ sessionId, durableSamples: stats.durableSamples, files });
    } catch (error) {
      warn(`onFlushed failed (${messageOf(error)}); the samples are written all the same.`);
    }
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    // One flush at a time, in order: a later one never overtakes an earlier one's write.
    const run = queue.then(writePending);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    sessionId,
    append(sample) {
      if (closed) throw new Error(`Metrics writer for ${sessionId} is closed: no more samples can be added.`);
      if (!isStoredSampleFast(sample)) {
        const checked = checkStoredSample(sample);
        if (!checked.ok) throw new TypeError(`Metrics sample refused for ${sessionId}: ${checked.reason}`);
      }
      if (open === undefined || full(open)) {
        open = { timestamps: [], lines: [], written: 0, sealed: false, size: 0 };
        chunks.push(open);
      }
      open.lines.push(sampleLine(sample));
      open.timestamps.push(sample.timestamp);
      stats.appended += 1;
      schedule();
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
    stats: () => ({ ...stats }),
  };
}

/** Writes all of data at position (a short write is continued, as fs.writeFile does). */
async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, position + offset);
    if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
    offset += bytesWritten;
  }
}
