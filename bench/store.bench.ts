// Session store benchmark: `npm run bench:store` (node --import tsx bench/store.bench.ts).
//
// Builds a data dir with 10,000 finished sessions spread over history/ days and 50 active ones,
// then compares, in the same run:
//   (a) the anchor: readdirSync over the same folders + readFileSync + JSON.parse of every file,
//       keeping the parsed objects as any loader must ((a0): the same, results thrown away);
//   (b) openSessionStore: the same reads plus schema validation, name checks and indexing.
// Goal: (b)/(a) <= 1.5, on medians; the exit code is 1 above it. Then query latencies, p50/p95.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RunnerSession, SessionStatus } from '../src/shared/model/entities';
import { storeLayout } from '../src/main/session-store/layout';
import { openSessionStore, type SessionStore } from '../src/main/session-store/session-store';

const HISTORY_SESSIONS = 10_000;
const ACTIVE_SESSIONS = 50;
const DAYS = 400;
const USERS = 200;
const GAMES = 300;
const LOAD_REPETITIONS = 9;
const QUERY_CALLS = 2_000;
const GOAL_RATIO = 1.5;

// Collect garbage before each timed run, so no run pays for the previous run's leftovers.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
const users = Array.from({ length: USERS }, (_, i) => `user_${i}`);
const games = Array.from({ length: GAMES }, (_, i) => `game_${i}_pc`);
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2024-09-01T00:00:00Z');

function session(i: number, status: SessionStatus, startMs: number): RunnerSession {
  const sessionId = `sess_${randomUUID()}`;
  const finished = status === 'terminated' || status === 'crashed' || status === 'failed';
  return {
    sessionId,
    containerId: `dillinger_runner_${sessionId.slice(5, 13)}`,
    gameId: pick(games, i * 7),
    userId: pick(users, i * 13),
    status,
    startTime: new Date(startMs).toISOString(),
    lastActivity: new Date(startMs + 600_000).toISOString(),
    displayInfo: { method: 'x11', displayId: `:${i % 8}`, resolution: '1920x1080', socketPath: `/tmp/.X11-unix/X${i % 8}` },
    resourceUsage: {
      cpuPercent: (i * 37) % 100,
      memoryUsed: 2_147_483_648,
      memoryPercent: (i * 11) % 100,
      gpuUsage: (i * 5) % 100,
      timestamp: new Date(startMs + 590_000).toISOString(),
    },
    processId: 1000 + (i % 5000),
    platform: i % 3 === 0 ? 'linux' : 'windows',
    ...(finished ? { endTime: new Date(startMs + 3_600_000).toISOString(), exitCode: status === 'terminated' ? 0 : 1 } : {}),
  };
}

function buildDataDir(dataDir: string): string[] {
  const layout = storeLayout(dataDir);
  const ids: string[] = [];
  for (let i = 0; i < HISTORY_SESSIONS; i += 1) {
    const status: SessionStatus = i % 25 === 0 ? 'failed' : i % 8 === 0 ? 'crashed' : 'terminated';
    const record = session(i, status, FIRST_DAY + (i % DAYS) * DAY_MS + (i % 1440) * 60_000);
    const file = layout.historyFile(record.sessionId, record.endTime, new Date());
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    ids.push(record.sessionId);
  }
  mkdirSync(layout.activeDir, { recursive: true });
  const activeStatuses: SessionStatus[] = [
    ...Array<SessionStatus>(7).fill('running'),
    'starting',
    'requested',
    'stopping',
  ];
  for (let i = 0; i < ACTIVE_SESSIONS; i += 1) {
    const record = session(i, pick(activeStatuses, i), Date.now() - i * 60_000);
    writeFileSync(layout.activeFile(record.sessionId), `${JSON.stringify(record, null, 2)}\n`);
    ids.push(record.sessionId);
  }
  return ids;
}

/**
 * (a) The anchor: what any loader must do at least. It keeps what it parsed, as a loader must;
 * `discard` shows the same reads with the results thrown away (less GC work: a lower bound).
 */
function plainLoad(dataDir: string, keep: boolean): number {
  const layout = storeLayout(dataDir);
  const dirs = [layout.activeDir, ...readdirSync(layout.historyDir).map((day) => join(layout.historyDir, day))];
  const kept: unknown[] = [];
  let count = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (keep) kept.push(parsed);
      count += 1;
    }
  }
  return count;
}

const printWarnings = { warn: (message: string) => console.warn(message) };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50);
const ms = (value: number): string => value.toFixed(value < 1 ? 4 : 1);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  try {
    let started = performance.now();
    const ids = buildDataDir(dataDir);
    console.log(`built ${ids.length} session files in ${ms(performance.now() - started)} ms (${dataDir})`);

    // Warm the page cache and the JIT for both, so neither pays for a cold first read.
    plainLoad(dataDir, true);
    await (await openSessionStore({ dataDir, log: printWarnings })).close();

    const anchorDiscard: number[] = [];
    const anchor: number[] = [];
    const load: number[] = [];
    let store: SessionStore | undefined;
    const timed = <T>(times: number[], run: () => T): T => {
      collectGarbage();
      const start = performance.now();
      const result = run();
      times.push(performance.now() - start);
      return result;
    };
    for (let rep = 0; rep < LOAD_REPETITIONS; rep += 1) {
      await store?.close();
      store = undefined;
      timed(anchorDiscard, () => plainLoad(dataDir, false));
      const count = timed(anchor, () => plainLoad(dataDir, true));
      if (count !== ids.length) throw new Error(`anchor read ${count} files, expected ${ids.length}`);
      collectGarbage();
      started = performance.now();
      store = await openSessionStore({ dataDir, log: printWarnings });
      load.push(performance.now() - started);
      if (store.sessionIds().length !== ids.length || store.warnings.length > 0) {
        throw new Error(`store loaded ${store.sessionIds().length} sessions with ${store.warnings.length} warnings`);
      }
    }
    if (!store) throw new Error('no store opened');
    const ratio = median(load) / median(anchor);

    console.log(`\nload of ${ids.length} sessions, ${LOAD_REPETITIONS} repetitions (ms)`);
    console.table({
      '(a0) readdir + readFile + JSON.parse, discarded': row(anchorDiscard),
      '(a) readdir + readFile + JSON.parse, kept': row(anchor),
      '(b) openSessionStore (validate + index)': row(load),
    });
    console.log(`ratio (b)/(a), medians: ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}) ${ratio <= GOAL_RATIO ? 'OK' : 'OVER GOAL'}`);
    console.log(`ratio (b)/(a0), medians: ${(median(load) / median(anchorDiscard)).toFixed(2)}`);

    const opened = store;
    const playing = opened.running().map((s) => s.userId);
    const queries: Record<string, (n: number) => unknown> = {
      'get(id)': (n) => opened.get(pick(ids, n * 7919)),
      "list({ status: 'running' })": () => opened.list({ status: 'running' }),
      "list({ status: 'crashed' }) (~1,200)": () => opened.list({ status: 'crashed' }),
      'toCleanUp() (~10,000)': () => opened.toCleanUp(),
      'activeSessionsOfUser(user)': (n) => opened.activeSessionsOfUser(pick(playing, n)),
      'gameHistory(game)': (n) => opened.gameHistory(pick(games, n)),
      "list({ status: 'terminated', limit: 20, offset: 40 })": () => opened.list({ status: 'terminated', limit: 20, offset: 40 }),
      "list({ userId, status: ['terminated','crashed'], limit: 10 })": (n) =>
        opened.list({ userId: pick(users, n), status: ['terminated', 'crashed'], limit: 10 }),
    };
    const latencies: Record<string, { p50_ms: string; p95_ms: string; results: number }> = {};
    for (const [name, query] of Object.entries(queries)) {
      for (let n = 0; n < 200; n += 1) query(n);
      const times: number[] = [];
      let results = 0;
      for (let n = 0; n < QUERY_CALLS; n += 1) {
        started = performance.now();
        const result = query(n);
        times.push(performance.now() - started);
        results = Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
      }
      times.sort((a, b) => a - b);
      latencies[name] = { p50_ms: ms(percentile(times, 50)), p95_ms: ms(percentile(times, 95)), results };
    }
    console.log(`\nquery latency over ${QUERY_CALLS} calls each`);
    console.table(latencies);
    await opened.close();
    if (ratio > GOAL_RATIO) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(values: number[]): Record<string, string> {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: ms(sorted[0] ?? NaN), median: ms(median(values)), max: ms(sorted.at(-1) ?? NaN) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
