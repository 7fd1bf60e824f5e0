// Saves benchmark: `npm run bench:saves` (node --import tsx bench/saves.bench.ts).
//
// A game home of ~500 MB (500 files of 1 MiB, each different, plus 400 small ones in folders),
// snapshotted once; then, RUNS times, 5 of the 1 MiB files are rewritten (5 MiB changed) and
// compared, in the same run:
//   (a)  the anchor: `tar -cf` of the 5 changed files alone (what storing only the changes costs);
//   (a') the same tar, then `sync` of the archive (the anchor made durable, as a snapshot is);
//   (b)  a snapshot of the whole home (walk all, read and store only the changed, fsync, manifest);
//   (b0) the same snapshot with nothing changed (the walk and the comparison alone: the floor);
//   (c)  `cp -a` of the whole home (what a naive full copy costs).
// Goal: (b) within 2x the changed-files tar and far below (c), on medians. A snapshot is durable
// before it is reported (its objects and manifest are fsynced), so the goal is judged against the
// durable anchor (a'): (a) alone leaves 5 MiB in the page cache, and writing those 5 MiB out is
// most of what (a') adds. (b)/(a) is printed too, with what that fsync costs in this run.
// Medians and p95 (nearest rank) over RUNS runs; figures only: no assertions, exit code 0.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openGameSaves } from '../src/main/saves/game-saves';

const BIG_FILES = 500;
const BIG_SIZE = 1024 * 1024;
const SMALL_FILES = 400;
const CHANGED_PER_RUN = 5;
const RUNS = 21;
const COPY_RUNS = 3;
const GOAL_RATIO = 2;
const GAME = 'game_bench';

// Collect garbage before each timed run, so no run pays for the buffers the bench itself made.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function bigFile(n: number, round: number): Buffer {
  const content = Buffer.alloc(BIG_SIZE, (n * 31 + round) % 251);
  randomBytes(4096).copy(content, 0); // each file and each rewrite distinct
  return content;
}

function buildHome(home: string): void {
  for (let n = 0; n < BIG_FILES; n += 1) {
    const dir = join(home, '.local', 'share', 'game', `slot${n % 10}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `save${n}.dat`), bigFile(n, 0));
  }
  for (let n = 0; n < SMALL_FILES; n += 1) {
    const dir = join(home, '.config', 'game', `group${n % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `setting${n}.ini`), `key${n}=${randomBytes(200 + (n % 3000)).toString('hex')}\n`);
  }
}

const bigPath = (home: string, n: number) => join(home, '.local', 'share', 'game', `slot${n % 10}`, `save${n}.dat`);

function timed(run: () => void): number {
  collectGarbage();
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Nearest rank: the value at or below which `p` of the runs lie. */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 0.5);
const p95 = (values: number[]) => percentile(values, 0.95);
const row = (values: number[]) => ({
  median_ms: median(values).toFixed(1),
  p95_ms: p95(values).toFixed(1),
  min_ms: Math.min(...values).toFixed(1),
  max_ms: Math.max(...values).toFixed(1),
});

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'saves-bench-'));
  try {
    const saves = openGameSaves({ dataDir: join(work, 'data') });
    const home = await saves.ensureHome(GAME);
    const roots = [{ name: 'home', path: home }];
    let started = performance.now();
    buildHome(home);
    console.log(`built a home of ${BIG_FILES} x 1 MiB + ${SMALL_FILES} small files in ${(performance.now() - started).toFixed(0)} ms (${work})`);
    started = performance.now();
    const first = await saves.snapshot(GAME, roots, { kind: 'manual' });
    console.log(`first snapshot (everything new): ${(performance.now() - started).toFixed(0)} ms, ${first.status}`);

    const tar: number[] = [];
    const tarSync: number[] = [];
    const snapshot: number[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const changed = Array.from({ length: CHANGED_PER_RUN }, (_, i) => (run * 37 + i * 101) % BIG_FILES);
      for (const n of changed) writeFileSync(bigPath(home, n), bigFile(n, run));
      const files = changed.map((n) => bigPath(home, n));
      const archive = join(work, `changed-${run}.tar`);
      tar.push(timed(() => execFileSync('tar', ['-cf', archive, ...files], { stdio: 'ignore' })));
      rmSync(archive);
      tarSync.push(timed(() => execFileSync('sh', ['-c', 'tar -cf "$0" "$@" 2>/dev/null && sync "$0"', archive, ...files])));
      rmSync(archive);
      collectGarbage();
      started = performance.now();
      const result = await saves.snapshot(GAME, roots, { kind: 'session-end' });
      snapshot.push(performance.now() - started);
      if (result.status !== 'created' || result.bytesRead !== CHANGED_PER_RUN * BIG_SIZE) {
        throw new Error(`run ${run}: expected a snapshot reading ${CHANGED_PER_RUN} MiB, got ${result.status} reading ${result.bytesRead} bytes`);
      }
    }
    const unchanged: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      collectGarbage();
      started = performance.now();
      const result = await saves.snapshot(GAME, roots, { kind: 'session-end' });
      unchanged.push(performance.now() - started);
      if (result.status !== 'unchanged' || result.bytesRead !== 0) throw new Error(`expected nothing to store, got ${result.status}`);
    }
    const copy: number[] = [];
    for (let run = 0; run < COPY_RUNS; run += 1) {
      const target = join(work, `copy-${run}`);
      copy.push(timed(() => execFileSync('cp', ['-a', home, target])));
      rmSync(target, { recursive: true, force: true });
    }

    console.log(`\n${CHANGED_PER_RUN} MiB changed in a home of ~${BIG_FILES} MiB, ${RUNS} runs (${COPY_RUNS} for cp -a)`);
    console.table({
      '(a) tar -cf of the changed files': row(tar),
      "(a') the same tar + sync of the archive": row(tarSync),
      '(b) snapshot of the home': row(snapshot),
      '(b0) snapshot of the home, nothing changed': row(unchanged),
      '(c) cp -a of the whole home': row(copy),
    });
    const ratio = median(snapshot) / median(tarSync);
    console.log(`ratio (b)/(a'), medians: ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}, against the durable anchor) ${ratio <= GOAL_RATIO ? 'OK' : 'OVER GOAL'}; p95s: ${(p95(snapshot) / p95(tarSync)).toFixed(2)}`);
    console.log(
      `ratio (b)/(a), medians: ${(median(snapshot) / median(tar)).toFixed(2)}; p95s: ${(p95(snapshot) / p95(tar)).toFixed(2)} ` +
        `(not durable: the sync of its 5 MiB alone, (a')-(a), took ${(median(tarSync) - median(tar)).toFixed(1)} ms here)`,
    );
    console.log(`ratio (b)/(c), medians: ${(median(snapshot) / median(copy)).toFixed(3)}`);
    console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
