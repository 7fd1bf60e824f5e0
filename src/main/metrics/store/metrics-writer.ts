// Writes one session's resource-usage samples as chunk files (format: chunk-file.ts).
//
// Chunk policy, for a 1 Hz sampler:
// - The open chunk is rewritten whole, atomically (temp file + fsync + rename + fsync of the
//   folder: store/atomic-file.ts), FLUSH_INTERVAL_MS (5 s) after its oldest unwritten sample. So
//   a SIGKILL or power cut loses at most the last ~5 s of samples (plus the write in flight), and
//   what is on disk is always whole: the previous version of the file or the new one, never torn.
// - A chunk holds at most MAX_SAMPLES_PER_CHUNK (300, five minutes) samples, then a new file is
//   started: a three-hour session (10,800 samples) is 36 files, not 10,800.
// - The price of rewriting is bytes: a chunk is written 60 times, on average half full, so the
//   writes total ~30x the final size. Measured (bench/metrics-query.bench.ts, 173 bytes a sample):
//   0.59 MiB kept and 18.1 MiB written per session-hour. Smaller chunks write less (amplification
//   ~ samples per chunk / samples per flush / 2: 120 a chunk writes 7.5 MiB/h) but make more files
//   (90 for three hours) and slower cold queries; 18 MiB an hour is nothing to an SSD, and
//   appending to one file instead would write less but could leave a torn tail after a crash.
// - Nothing is written while no sample is pending: an idle or paused session costs nothing.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic-file';
import { storeLayout } from '../../store/layout';
import { messageOf } from '../../store/quarantine';
import { chunkFileName, chunkText, sampleLine } from './chunk-file';
import { isStoredSampleFast } from './fast-sample-check';
import { checkStoredSample, type StoredSample } from './stored-sample';

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
  /** Every byte handed to the disk, rewrites of the open chunk included. */
  readonly bytesWritten: number;
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
  readonly firstTimestamp: string;
  readonly lines: string[];
  /** Lines already on disk. */
  written: number;
  /** Decided at its first write: `{timestamp}.json`, or `-2` etc. when that name is taken. */
  name?: string;
}

export function createMetricsWriter(options: MetricsWriterOptions): MetricsWriter {
  const { sessionId, onFlushed } = options;
  const dir = storeLayout(options.dataDir).sessionMetricsDir(sessionId); // refuses a bad session id
  const flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
  const maxSamples = options.maxSamplesPerChunk ?? MAX_SAMPLES_PER_CHUNK;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError(`maxSamplesPerChunk must be a positive integer, not ${maxSamples}`);
  const warn = (message: string): void => (options.log ?? console).warn(`Metrics writer (${sessionId}): ${message}`);

  /** Chunks with unwritten lines, oldest first; the last one is the open chunk. */
  let chunks: Chunk[] = [];
  let open: Chunk | undefined;
  const usedNames = new Set<string>();
  let dirReady = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  const stats = { appended: 0, durableSamples: 0, bytesWritten: 0, fileWrites: 0, chunkFiles: 0 };

  const pending = (): boolean => chunks.some((chunk) => chunk.written < chunk.lines.length);

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

  const freeName = async (firstTimestamp: string): Promise<string> => {
    for (let copy = 1; ; copy += 1) {
      const name = chunkFileName(firstTimestamp, copy);
      if (!usedNames.has(name) && !(await exists(join(dir, name)))) {
        usedNames.add(name);
        stats.chunkFiles += 1;
        return name;
      }
    }
  };

  const writePending = async (): Promise<void> => {
    const dirty = chunks.filter((chunk) => chunk.written < chunk.lines.length);
    if (dirty.length === 0) return;
    if (!dirReady) {
      await mkdir(dir, { recursive: true });
      dirReady = true;
    }
    const files: string[] = [];
    for (const chunk of dirty) {
      chunk.name ??= await freeName(chunk.firstTimestamp);
      const count = chunk.lines.length; // lines appended while the write is in flight wait for the next flush
      const text = chunkText(sessionId, chunk.lines);
      const file = join(dir, chunk.name);
      await writeFileAtomic(file, text);
      stats.bytesWritten += Buffer.byteLength(text);
      stats.fileWrites += 1;
      stats.durableSamples += count - chunk.written;
      chunk.written = count;
      files.push(file);
    }
    chunks = chunks.filter((chunk) => chunk === open || chunk.written < chunk.lines.length);
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
    // One flush at a time, in order: a later one never overtakes an earlier one's rename.
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
      if (open === undefined || open.lines.length >= maxSamples) {
        open = { firstTimestamp: sample.timestamp, lines: [], written: 0 };
        chunks.push(open);
      }
      open.lines.push(sampleLine(sample));
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

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
