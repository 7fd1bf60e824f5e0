// Kill -9 a process that is writing a session's samples, several times, then show that every
// chunk on disk reads (sealed, or open with at most a torn last line: chunk-file.ts), that only the
// chunk each killed writer was appending to is left open, and that every sample the child was told
// was written (beyond a SIGKILL's reach: in the kernel, fdatasync or not) survived, once.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTempFileName } from '../../session-store/atomic-file';
import { storeLayout } from '../../session-store/layout';
import { makeTempDataDir, removeDataDir } from '../../test-support/sample-sessions';
import { isChunkFileName, parseChunk } from './chunk-file';
import { createMetricsReader } from './metrics-reader';
import { MAX_SAMPLES_PER_CHUNK } from './metrics-writer';
import { newSessionId, syntheticSample } from '../../test-support/synthetic-samples';

const KILLER = fileURLToPath(new URL('../../test-support/metrics-killer.ts', import.meta.url));
const ROUNDS = 5;
/** Rounds are this many simulated seconds apart, so their samples never mix. */
const ROUND_SPAN = 1_000_000;
const FLUSH_MS = 40;

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDataDir('metrics-crash-');
});
afterEach(() => removeDataDir(dataDir));

interface Round {
  first: number;
  durable: number;
  flushes: number;
}

/** Runs the child until it has reported `killAfter` flushes, waits a little more, then SIGKILLs it. */
function writeAndKill(sessionId: string, first: number, killAfter: number, extraDelayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', KILLER, dataDir, sessionId, String(first), String(FLUSH_MS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const round: Round = { first, durable: 0, flushes: 0 };
    let pending = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const durable = Number(/^written (\d+)$/.exec(line)?.[1]);
        if (Number.isInteger(durable)) {
          round.durable = Math.max(round.durable, durable);
          round.flushes += 1;
        }
      }
      if (!killing && round.flushes >= killAfter) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(round);
      else reject(new Error(`metrics-killer exited by itself (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

describe('a metrics writer killed mid-session', () => {
  it('leaves only whole chunks and keeps every sample it reported written', { timeout: 120_000 }, async () => {
    const sessionId = newSessionId();
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      rounds.push(await writeAndKill(sessionId, r * ROUND_SPAN, 3 + Math.floor(Math.random() * 12), Math.floor(Math.random() * FLUSH_MS)));
    }
    const context = JSON.stringify(rounds);
    expect(rounds.every((round) => round.durable > 0), context).toBe(true);

    // Every chunk file on disk parses and validates before the reader touches anything: sealed, or
    // open (the one its writer was appending to when killed) with at most a torn tail.
    const dir = storeLayout(dataDir).sessionMetricsDir(sessionId);
    const names = readdirSync(dir);
    const chunks = names.filter((name) => !isTempFileName(name));
    expect(chunks, 'the writer appends in place: no temp files').toEqual(names);
    expect(chunks.every(isChunkFileName), context).toBe(true);
    let open = 0;
    for (const name of chunks) {
      const parsed = parseChunk(readFileSync(join(dir, name), 'utf8'), sessionId);
      expect(parsed.ok, `${name}: ${parsed.ok ? '' : parsed.reason} ${context}`).toBe(true);
      if (parsed.ok) expect(parsed.samples.length).toBeLessThanOrEqual(MAX_SAMPLES_PER_CHUNK);
      if (parsed.ok && parsed.open) open += 1;
    }
    expect(open, `at most one open chunk per killed writer ${context}`).toBeLessThanOrEqual(ROUNDS);

    const reader = createMetricsReader({ dataDir, log: { warn: () => undefined } });
    const { samples } = await reader.read(sessionId);
    expect(reader.warnings, context).toEqual([]);
    const byTime = new Map(samples.map((sample) => [sample.timestamp, sample]));
    expect(byTime.size, 'no sample is stored twice').toBe(samples.length);
    for (const round of rounds) {
      for (let i = 0; i < round.durable; i += 1) {
        const expected = syntheticSample(round.first + i);
        expect(byTime.get(expected.timestamp), `round from ${round.first}: sample ${i} of ${round.durable} ${context}`).toEqual(expected);
      }
    }
  });
});
