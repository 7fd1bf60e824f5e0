import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLayout } from '../../session-store/layout';
import { makeTempDataDir, removeDataDir } from '../../test-support/sample-sessions';
import { chunkFileName, chunkHeader, chunkText, sampleLine } from './chunk-file';
import { createMetricsReader } from './metrics-reader';
import { createMetricsWriter } from './metrics-writer';
import type { StoredSample } from './stored-sample';
import { newSessionId, syntheticSample, syntheticSamples } from '../../test-support/synthetic-samples';

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDataDir('metrics-reader-');
});
afterEach(() => removeDataDir(dataDir));

const quiet = { warn: () => undefined };

async function writeSession(sessionId: string, count: number, maxSamplesPerChunk = 100): Promise<void> {
  const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0, maxSamplesPerChunk });
  for (const sample of syntheticSamples(count)) writer.append(sample);
  await writer.close();
}

describe('createMetricsReader', () => {
  it('reads a session without metrics as no samples', async () => {
    const read = await createMetricsReader({ dataDir, log: quiet }).read(newSessionId());
    expect(read).toMatchObject({ samples: [], timesMs: [], files: 0 });
  });

  it('quarantines chunks it cannot trust, with a reason, and still reads the others', async () => {
    const sessionId = newSessionId();
    await writeSession(sessionId, 300); // chunks at samples 0, 100, 200
    const layout = storeLayout(dataDir);
    const dir = layout.sessionMetricsDir(sessionId);
    const [, second = '', third = ''] = readdirSync(dir).sort();
    // Not a torn tail (a whole line that is not JSON, before the last line): refused whole.
    writeFileSync(join(dir, second), `${chunkHeader(sessionId)}${sampleLine(syntheticSample(100))},\n{"cpuPercent":1,\n${sampleLine(syntheticSample(102))}`);
    const bad = { ...syntheticSample(200), memoryPercent: -4 };
    writeFileSync(join(dir, third), chunkText(sessionId, [sampleLine(syntheticSample(201)), JSON.stringify(bad)]));
    const stranger = chunkFileName(syntheticSample(400).timestamp);
    writeFileSync(join(dir, stranger), chunkText(newSessionId(), [sampleLine(syntheticSample(400))]));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const temp = `.${second}.tmp-999999-abcdef012345`; // the shape tempPathFor makes
    writeFileSync(join(dir, temp), 'half a write');

    const warnings: string[] = [];
    const reader = createMetricsReader({ dataDir, log: { warn: (message) => warnings.push(message) } });
    const read = await reader.read(sessionId);

    expect(read.samples).toEqual(syntheticSamples(100));
    expect(reader.warnings.map((w) => w.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/not valid JSON/),
        expect.stringMatching(/invalid sample \(number 2\): memoryPercent: must be between 0 and 100/),
        expect.stringMatching(/belongs to session "sess_/),
        expect.stringMatching(/not a metrics chunk file/),
      ]),
    );
    expect(reader.warnings).toHaveLength(4);
    expect(warnings).toHaveLength(4);
    expect(readdirSync(dir).sort()).toEqual([temp, chunkFileName(syntheticSample(0).timestamp)].sort()); // temp file left alone
    const quarantined = readdirSync(layout.quarantineDir);
    expect(quarantined.filter((name) => name.endsWith('.reason.txt'))).toHaveLength(4);
    for (const warning of reader.warnings) {
      expect(warning.movedTo && existsSync(warning.movedTo)).toBe(true);
      expect(readFileSync(`${warning.movedTo}.reason.txt`, 'utf8')).toContain(warning.file);
    }
    // Nothing is quarantined twice: a fresh reader finds a clean folder.
    const again = createMetricsReader({ dataDir, log: quiet });
    expect((await again.read(sessionId)).samples).toHaveLength(100);
    expect(again.warnings).toEqual([]);
  });

  it('serves warm reads from its cache until the files change, then re-reads only the changed ones', async () => {
    const sessionId = newSessionId();
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0, maxSamplesPerChunk: 100 });
    const reader = createMetricsReader({ dataDir, log: quiet });
    const samples = syntheticSamples(250);
    for (const sample of samples.slice(0, 150)) writer.append(sample);
    await writer.flush();

    const cold = await reader.read(sessionId);
    expect(cold.samples).toHaveLength(150);
    expect(await reader.read(sessionId)).toBe(cold); // warm: the same answer, no disk

    for (const sample of samples.slice(150)) writer.append(sample);
    await writer.close(); // creates a file in the folder: its mtime moves, no notice needed
    const fresh = await reader.read(sessionId);
    expect(fresh.samples).toEqual(samples);
    expect(fresh.samples[0]).toBe(cold.samples[0]); // the sealed first chunk was not read again
    expect(fresh.samples[120]).not.toBe(cold.samples[120]); // the open chunk, appended to and sealed, was

    reader.invalidate(sessionId); // told, though nothing changed: looks again, re-reads nothing
    const again = await reader.read(sessionId);
    expect(again).not.toBe(fresh);
    expect(again.samples.every((sample, i) => sample === fresh.samples[i])).toBe(true);
    expect(await reader.read(sessionId)).toBe(again);
  });

  it('sees samples appended to the open chunk without being told, and never a torn line', async () => {
    const sessionId = newSessionId();
    const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
    const reader = createMetricsReader({ dataDir, log: quiet });
    const samples = syntheticSamples(30);
    for (const sample of samples.slice(0, 10)) writer.append(sample);
    await writer.flush();
    expect((await reader.read(sessionId)).samples).toEqual(samples.slice(0, 10));

    for (const sample of samples.slice(10, 20)) writer.append(sample);
    await writer.flush(); // appended: the folder's mtime stays, the newest chunk's size moves
    expect((await reader.read(sessionId)).samples).toEqual(samples.slice(0, 20));

    // A write in flight, as a reader may catch it: half a line at the end. Read without it, no quarantine.
    const [name = ''] = readdirSync(storeLayout(dataDir).sessionMetricsDir(sessionId));
    const file = join(storeLayout(dataDir).sessionMetricsDir(sessionId), name);
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, `${whole},\n${sampleLine(samples[20] as StoredSample).slice(0, 40)}`);
    expect((await reader.read(sessionId)).samples).toEqual(samples.slice(0, 20));
    expect(reader.warnings).toEqual([]);
    writeFileSync(file, whole);

    for (const sample of samples.slice(20)) writer.append(sample);
    await writer.close();
    expect((await reader.read(sessionId)).samples).toEqual(samples);
    expect(reader.warnings).toEqual([]);
  });

  it('answers an invalid session id with a rejected promise', async () => {
    await expect(createMetricsReader({ dataDir, log: quiet }).read('sess_nope')).rejects.toThrow(/not a session id/);
  });

  it('keeps only the most recently used sessions', async () => {
    const [a, b] = [newSessionId(), newSessionId()];
    await writeSession(a, 10);
    await writeSession(b, 10);
    const reader = createMetricsReader({ dataDir, cachedSessions: 1, log: quiet });
    const firstA = await reader.read(a);
    expect(await reader.read(a)).toBe(firstA);
    await reader.read(b);
    const secondA = await reader.read(a);
    expect(secondA).not.toBe(firstA);
    expect(secondA.samples).toEqual(firstA.samples);
  });

  it('puts samples in time order even when the files are not', async () => {
    const sessionId = newSessionId();
    const dir = storeLayout(dataDir).sessionMetricsDir(sessionId);
    mkdirSync(dir, { recursive: true });
    // The clock went back: the later file (by name) holds earlier samples.
    writeFileSync(join(dir, chunkFileName(syntheticSample(0).timestamp)), chunkText(sessionId, [5, 6].map((i) => sampleLine(syntheticSample(i)))));
    writeFileSync(join(dir, chunkFileName(syntheticSample(3).timestamp)), chunkText(sessionId, [3, 4, 7].map((i) => sampleLine(syntheticSample(i)))));
    const read = await createMetricsReader({ dataDir, log: quiet }).read(sessionId);
    expect(read.samples).toEqual([3, 4, 5, 6, 7].map((i) => syntheticSample(i)));
  });
});
