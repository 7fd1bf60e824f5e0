import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLayout } from '../../session-store/layout';
import { makeTempDataDir, removeDataDir } from '../../test-support/sample-sessions';
import { chunkFileName, parseChunk } from './chunk-file';
import { createMetricsReader } from './metrics-reader';
import { createMetricsWriter, MAX_SAMPLES_PER_CHUNK, type FlushReport } from './metrics-writer';
import type { StoredSample } from './stored-sample';
import { newSessionId, syntheticSample, syntheticSamples } from '../../test-support/synthetic-samples';

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDataDir('metrics-writer-');
});
afterEach(() => removeDataDir(dataDir));

const quiet = { warn: () => undefined };
const chunkNames = (sessionId: string): string[] => readdirSync(storeLayout(dataDir).sessionMetricsDir(sessionId)).sort();
const textOf = (sessionId: string, name: string): string => readFileSync(`${storeLayout(dataDir).sessionMetricsDir(sessionId)}/${name}`, 'utf8');
/** A chunk's samples, and whether it is sealed (one JSON document) or still open (appended to). */
const chunkIn = (sessionId: string, name: string): { samples: unknown[]; sealed: boolean } => {
  const text = textOf(sessionId, name);
  const parsed = parseChunk(text, sessionId);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
  let sealed = true;
  try {
    JSON.parse(text);
  } catch {
    sealed = false;
  }
  expect(parsed.open === true).toBe(!sealed);
  return { samples: parsed.samples, sealed };
};
const samplesIn = (sessionId: string, name: string): unknown[] => chunkIn(sessionId, name).samples;

describe('createMetricsWriter', () => {
  it('writes samples that the reader gives back unchanged, raw debugging values included', async () => {
    const sessionId = newSessionId();
    const samples: StoredSample[] = syntheticSamples(700).map((sample, i) =>
      i % 7 === 0 ? { ...sample, raw: { cpuPercent: 250 + i, memoryPercent: 101.5 } } : sample,
    );
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    for (const sample of samples) writer.append(sample);
    await writer.close();

    const read = await createMetricsReader({ dataDir, log: quiet }).read(sessionId);
    expect(read.samples).toEqual(samples);
    expect(read.timesMs).toEqual(samples.map((s) => Date.parse(s.timestamp)));
    expect(read.files).toBe(3);
  });

  it('holds a three-hour session at 1 Hz in 36 files of at most 300 samples, named by their first sample', async () => {
    const sessionId = newSessionId();
    const samples = syntheticSamples(3 * 3600);
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    for (const sample of samples) writer.append(sample);
    await writer.close();

    const names = chunkNames(sessionId);
    expect(MAX_SAMPLES_PER_CHUNK).toBe(300);
    expect(names).toHaveLength(36);
    expect(names).toEqual(samples.filter((_, i) => i % 300 === 0).map((s) => chunkFileName(s.timestamp)));
    for (const name of names) expect(samplesIn(sessionId, name).length).toBeLessThanOrEqual(300);
    expect(writer.stats()).toMatchObject({ appended: 10_800, durableSamples: 10_800, fileWrites: 36, chunkFiles: 36 });
  });

  it('flushes on its own timer, appending to the open chunk, seals full chunks, and reports what is durable', async () => {
    const sessionId = newSessionId();
    const reports: FlushReport[] = [];
    let flushed: () => void = () => undefined;
    const writer = createMetricsWriter({
      dataDir,
      sessionId,
      flushIntervalMs: 30,
      syncIntervalMs: 0, // every timed write synced too: "durable" below means fdatasynced
      maxSamplesPerChunk: 4,
      onFlushed: (report) => {
        reports.push(report);
        flushed();
      },
    });
    const nextFlush = () => new Promise<void>((resolve) => (flushed = resolve));

    for (let i = 0; i < 3; i += 1) writer.append(syntheticSample(i));
    expect(existsSync(storeLayout(dataDir).sessionMetricsDir(sessionId))).toBe(false); // buffered, not yet written
    await nextFlush();
    expect(reports.at(-1)?.durableSamples).toBe(3);
    expect(chunkNames(sessionId)).toEqual([chunkFileName(syntheticSample(0).timestamp)]);

    for (let i = 3; i < 6; i += 1) writer.append(syntheticSample(i));
    await nextFlush();
    expect(reports.at(-1)?.durableSamples).toBe(6);
    const names = chunkNames(sessionId);
    expect(names).toHaveLength(2);
    expect(chunkIn(sessionId, names[0] ?? '')).toEqual({ samples: [0, 1, 2, 3].map((i) => syntheticSample(i)), sealed: true }); // appended to, then sealed
    expect(chunkIn(sessionId, names[1] ?? '')).toEqual({ samples: [4, 5].map((i) => syntheticSample(i)), sealed: false });
    expect(writer.stats()).toMatchObject({ durableSamples: 6, fileWrites: 3, chunkFiles: 2 });
    // Every byte once: what is on disk is exactly what was written.
    const onDisk = names.reduce((sum, name) => sum + Buffer.byteLength(textOf(sessionId, name)), 0);
    expect(writer.stats().bytesWritten).toBe(onDisk);

    await writer.close();
    expect(reports).toHaveLength(3); // close wrote only the open chunk's seal
    expect(reports.at(-1)?.durableSamples).toBe(6);
    expect(chunkIn(sessionId, names[1] ?? '').sealed).toBe(true);
    expect(writer.stats().fileWrites).toBe(4);
    await writer.close(); // idempotent: nothing more
    expect(reports).toHaveLength(3);
  });

  it('shares one flush tick between writers and batches fdatasync: written at each tick, synced when due, on flush() and close()', async () => {
    const reports = new Map<string, FlushReport[]>();
    const ids = [newSessionId(), newSessionId(), newSessionId()];
    let ticks = 0;
    let onTick: () => void = () => undefined;
    const writers = ids.map((sessionId) =>
      createMetricsWriter({
        dataDir,
        sessionId,
        flushIntervalMs: 40,
        syncIntervalMs: 60_000,
        onFlushed: (report) => {
          reports.set(sessionId, [...(reports.get(sessionId) ?? []), report]);
          ticks += 1;
          if (ticks % ids.length === 0) onTick();
        },
      }),
    );
    const nextTick = () => new Promise<void>((resolve) => (onTick = resolve));

    for (const writer of writers) for (let i = 0; i < 3; i += 1) writer.append(syntheticSample(i));
    await nextTick();
    // Written, so a SIGKILL cannot lose them; the fdatasync (file and folder) waits for syncIntervalMs.
    for (const id of ids) expect(reports.get(id)?.at(-1)).toMatchObject({ writtenSamples: 3, durableSamples: 0 });

    for (const writer of writers) for (let i = 3; i < 5; i += 1) writer.append(syntheticSample(i));
    await nextTick();
    for (const [index, id] of ids.entries()) {
      expect(reports.get(id)?.at(-1)).toMatchObject({ writtenSamples: 5, durableSamples: 0 });
      expect(samplesIn(id, chunkNames(id)[0] ?? '')).toHaveLength(5);
      expect(writers[index]?.stats()).toMatchObject({ fileWrites: 2, fileSyncs: 0 });
    }

    await writers[0]?.flush(); // flush() syncs what is unsynced
    expect(writers[0]?.stats()).toMatchObject({ writtenSamples: 5, durableSamples: 5, fileWrites: 2, fileSyncs: 1 });
    await Promise.all(writers.map((writer) => writer.close()));
    for (const writer of writers) expect(writer.stats()).toMatchObject({ writtenSamples: 5, durableSamples: 5 });
    for (const id of ids) expect(chunkIn(id, chunkNames(id)[0] ?? '').sealed).toBe(true);
  });

  it('with syncIntervalMs 0, syncs every timed write', async () => {
    const sessionId = newSessionId();
    let flushed: () => void = () => undefined;
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 20, syncIntervalMs: 0, onFlushed: () => flushed() });
    for (let round = 0; round < 3; round += 1) {
      const next = new Promise<void>((resolve) => (flushed = resolve));
      writer.append(syntheticSample(round));
      await next;
      expect(writer.stats()).toMatchObject({ writtenSamples: round + 1, durableSamples: round + 1, fileSyncs: round + 1 });
    }
    await writer.close();
  });

  it('refuses an invalid sample, keeping none of it, and any sample after close', async () => {
    const sessionId = newSessionId();
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    expect(() => writer.append({ ...syntheticSample(0), cpuPercent: 140 })).toThrow(/cpuPercent: must be between 0 and 100/);
    expect(() => writer.append({ ...syntheticSample(0), timestamp: 'yesterday' })).toThrow(/timestamp/);
    expect(() => writer.append({ ...syntheticSample(0), bogus: 1 } as StoredSample)).toThrow(/bogus/);
    writer.append(syntheticSample(1));
    await writer.close();
    expect(writer.stats().durableSamples).toBe(1);
    expect(() => writer.append(syntheticSample(2))).toThrow(/closed/);
    expect(() => createMetricsWriter({ dataDir, sessionId: '../escape' })).toThrow(/not a session id/);
  });

  it('never overwrites a chunk another writer left: a restarted writer starting at the same instant gets -2', async () => {
    const sessionId = newSessionId();
    const first = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    first.append(syntheticSample(0));
    first.append(syntheticSample(1));
    await first.close();
    const second = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    second.append(syntheticSample(0, { gpu: false }));
    await second.close();

    const base = chunkFileName(syntheticSample(0).timestamp);
    expect(chunkNames(sessionId)).toEqual([base.replace('.json', '-2.json'), base].sort());
    const read = await createMetricsReader({ dataDir, log: quiet }).read(sessionId);
    expect(read.samples).toHaveLength(3);
    expect(read.timesMs).toEqual([...read.timesMs].sort((a, b) => a - b));
  });
});
