// node --import tsx bench/metrics-sampler.bench.ts — the sampler's own CPU cost with N concurrent
// sessions, next to `docker stats` (the CLI) following the same N containers for the same time,
// measured in the same run. Goal: ours ≤ 0.5× the CLI's CPU (the exit code is 1 above it).
//
// Env: BENCH_SECONDS (default 60) per phase, BENCH_CONTAINERS (default 16), BENCH_IDLE_SECONDS
// (default 5) for the idle baseline before each of our phases, BENCH_WARMUP_SECONDS (default 5),
// BENCH_SETTLE_SECONDS (default 10) after each of our phases; BENCH_STORE=0 counts the samples
// instead of storing them, BENCH_RAW=0 takes dockerode's stream instead of the bare-socket client,
// BENCH_BUNDLE=0 measures under tsx instead of as a plain-node bundle.
//
// How it runs: the app's main process ships as a bundle run by plain Node (Electron's), so this
// file bundles itself with esbuild (tsx's own) and re-runs as `node <bundle>`: under tsx, its
// loader's worker thread would be counted in process.cpuUsage(). Docker is connected as the app
// connects (connectDocker(defaultDockerEndpoint()): a socket path), so followStats takes the path it
// takes in the app. Each sample goes to a metrics writer in a temp data folder, as session-metrics.ts
// does (append, the shared 5 s flush tick, the writes, the fdatasyncs: batched, 30 s apart at most,
// and the seal and sync of every file at close): the store's work is counted with ours.
//
// Setup: N `debian:bookworm-slim` containers running a light loop (`sleep 0.05` in a loop, like an
// idle demo's timers), NetworkMode none, 0.05 cpu and 64 MiB each, labelled dillinger.bench=1.
// Warm-up: followStats on all N for BENCH_WARMUP_SECONDS, measured and printed but not in the
// medians (first use loads and compiles the streaming path; the app's sampler lives in a long-running
// process, so the rounds measure it warm).
// Rounds, alternating: A, B, A, B; medians of the two.
//   A (ours): idle baseline first (this process, nothing followed, BENCH_IDLE_SECONDS), then
//     followStats on all N in this process for T s, each sample stored; CPU = process.cpuUsage() delta
//     (user + system, all of the process's threads, the libuv pool doing the writes included) from
//     before the first followStats to after the last disposer and writer close. "raw"
//     is that per wall second; "net" subtracts the idle baseline's rate (what this process costs
//     doing nothing: timers, GC, the dockerode client sitting there). Then a settle window
//     (BENCH_SETTLE_SECONDS) whose CPU is reported as "stop tail": a few seconds after sampling stops,
//     V8's memory reducer compacts the quiet heap (~100-150 ms once); a one-off per stop, so it is
//     kept out of both the rate and the next idle baseline (where it would flatter "net").
//   B (anchor): `docker stats --format '{{json .}}' <ids>` spawned without a TTY for the same T s,
//     stdout read and discarded (lines counted); its CPU = utime + stime from /proc/<pid>/stat right
//     before SIGKILL (it ignores SIGTERM without a terminal), ticks / CLK_TCK. Its JSON rows are
//     counted (the 28.x CLI redraws more often than once a second, so rows/ctr/s reads above 1).
// Both figures include starting up (opening N streams; the CLI's exec and Go runtime start).
// Not counted for either: dockerd's side (both make the engine stream stats for N containers);
// its CPU in each phase is shown for information where /var/run/docker.pid is readable.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultDockerEndpoint } from '../src/main/app-data/settings';
import { connectDocker } from '../src/main/docker/engine';
import { rawStatsEndpoint } from '../src/main/metrics/sampler/raw-stats-stream';
import { followStats } from '../src/main/metrics/sampler/stats-stream';
import { createMetricsWriter, type MetricsWriter } from '../src/main/metrics/files/metrics-writer';
import { newSessionId } from '../src/main/test-support/synthetic-samples';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 16);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 10);
/** 0: followStats through dockerode's `container.stats({stream: true})` instead of the bare-socket client. */
const RAW = process.env.BENCH_RAW !== '0';
/** 0: samples are counted only, not stored (the app stores each one: append, and a flush every 5 s). */
const STORE = process.env.BENCH_STORE !== '0';
/** 0: run under whatever loader started this file (tsx) instead of re-running as a plain-node bundle. */
const BUNDLE = process.env.BENCH_BUNDLE !== '0';
const BUNDLED_MARK = 'DILLINGER_BENCH_BUNDLED';
const ROUNDS = 2;
const GOAL_RATIO = 0.5;
const IMAGE = 'debian:bookworm-slim';
const NANO_CPUS = 50_000_000; // 0.05 cpu each: 16 of them cannot saturate a 2-core machine
const MEMORY_BYTES = 64 * 1024 * 1024;
const RUN_TAG = Math.random().toString(36).slice(2, 8);
const LABELS = { 'dillinger.bench': '1', 'dillinger.bench.run': RUN_TAG };
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

// Connected as the app connects (core.ts): DOCKER_HOST or /var/run/docker.sock, a socket path string.
const docker = connectDocker(defaultDockerEndpoint());
const PATH_USED = RAW && rawStatsEndpoint(docker) !== undefined ? 'bare-socket client (raw-stats-stream.ts)' : "dockerode's container.stats({stream: true})";
let storeDir = '';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface OursResult {
  seconds: number;
  cpuMs: number;
  idleMsPerSecond: number;
  samples: number;
  errors: number;
  perContainer: number[];
  /** CPU in the settle window after the disposers (V8's memory reducer runs once the heap goes quiet). */
  tailMs: number;
}

interface CliResult {
  seconds: number;
  cpuMs: number;
  lines: number;
}

interface Round {
  ours: OursResult;
  oursDockerdMs: number | undefined;
  cli: CliResult;
  cliDockerdMs: number | undefined;
}

/** utime + stime of a process in ms, from /proc/<pid>/stat (fields 14 and 15; the name may hold spaces). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc/${pid}/stat: ${stat}`);
  return ((utime + stime) * 1000) / CLK_TCK;
}

function dockerdPid(): number | undefined {
  try {
    const pid = Number(readFileSync('/var/run/docker.pid', 'utf8').trim());
    procCpuMs(pid);
    return pid;
  } catch {
    return undefined;
  }
}

function cpuUsageMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function startContainers(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CONTAINERS; i += 1) {
    const container = await docker.createContainer({
      Image: IMAGE,
      Cmd: ['sh', '-c', 'while :; do sleep 0.05; done'],
      Labels: LABELS,
      HostConfig: { NetworkMode: 'none', NanoCpus: NANO_CPUS, Memory: MEMORY_BYTES },
    });
    ids.push(container.id);
    await container.start();
  }
  return ids;
}

/** Removes every container of this run (by label, so a half-finished setup is covered too). */
async function removeContainers(): Promise<void> {
  const found = await docker.listContainers({ all: true, filters: { label: [`dillinger.bench.run=${RUN_TAG}`] } });
  await Promise.all(found.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

async function phaseOurs(ids: string[], phaseSeconds = SECONDS, idleSeconds = IDLE_SECONDS): Promise<OursResult> {
  // Idle baseline: the same process, nothing followed.
  const idleCpu0 = cpuUsageMs();
  const idleT0 = performance.now();
  await sleep(idleSeconds * 1000);
  const idleMsPerSecond = idleSeconds > 0 ? (cpuUsageMs() - idleCpu0) / ((performance.now() - idleT0) / 1000) : NaN;

  const perContainer = ids.map(() => 0);
  let errors = 0;
  const warn = (): void => {
    errors += 1;
  };
  const cpu0 = cpuUsageMs();
  const t0 = performance.now();
  // As the app does with each sample (session-metrics.ts): the metrics writer, its 5 s flush timer and all.
  const writers: Array<MetricsWriter | undefined> = ids.map(() =>
    STORE ? createMetricsWriter({ dataDir: storeDir, sessionId: newSessionId(), log: { warn } }) : undefined,
  );
  const disposers = ids.map((id, index) =>
    followStats(docker, id, {
      limits: { cpus: NANO_CPUS / 1e9, memoryBytes: MEMORY_BYTES },
      raw: RAW,
      onSample: (sample) => {
        perContainer[index] = (perContainer[index] ?? 0) + 1;
        writers[index]?.append(sample);
      },
      onError: () => {
        errors += 1;
      },
    }),
  );
  await sleep(phaseSeconds * 1000);
  for (const dispose of disposers) dispose();
  await Promise.all(writers.map((writer) => writer?.close()));
  const cpuMs = cpuUsageMs() - cpu0;
  const seconds = (performance.now() - t0) / 1000;
  // Settle: a few seconds after the sampling stops, V8's memory reducer compacts the now-quiet heap
  // (measured here: ~100-150 ms of CPU, GC helper threads included). It is a one-off cost of stopping,
  // not of sampling: kept out of the rate and out of the next idle baseline, and reported on its own.
  const tail0 = cpuUsageMs();
  await sleep(SETTLE_SECONDS * 1000);
  const tailMs = cpuUsageMs() - tail0;
  return { seconds, cpuMs, idleMsPerSecond, samples: perContainer.reduce((a, b) => a + b, 0), errors, perContainer, tailMs };
}

let cli: ChildProcess | undefined;

async function phaseCli(ids: string[]): Promise<CliResult> {
  const t0 = performance.now();
  const child = spawn('docker', ['stats', '--format', '{{json .}}', ...ids], { stdio: ['ignore', 'pipe', 'pipe'] });
  cli = child;
  let lines = 0; // JSON rows only: the CLI also writes ANSI cursor/clear lines between redraws
  let partial = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('latin1');
    const rows = text.split('\n');
    partial = rows.pop() ?? '';
    for (const row of rows) if (row.includes('{"')) lines += 1;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await sleep(SECONDS * 1000);
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null) throw new Error(`docker stats ended early (exit ${child.exitCode}): ${stderr.trim()}`);
  const cpuMs = procCpuMs(pid); // before the kill: once reaped, /proc/<pid> is gone
  const seconds = (performance.now() - t0) / 1000;
  child.kill('SIGKILL');
  await exited;
  cli = undefined;
  return { seconds, cpuMs, lines };
}

/** dockerd's CPU (ms) over one phase, for information; undefined when its pid is not readable. */
async function withDockerd<T>(pid: number | undefined, phase: () => Promise<T>): Promise<[T, number | undefined]> {
  const before = pid === undefined ? undefined : procCpuMs(pid);
  const result = await phase();
  return [result, pid === undefined || before === undefined ? undefined : procCpuMs(pid) - before];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const f = (value: number, digits = 2, width = 7): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a').padStart(width);

function table(rounds: Round[]): string[] {
  const rows = rounds.map((r) => {
    const oursRaw = r.ours.cpuMs / r.ours.seconds;
    const oursNet = oursRaw - r.ours.idleMsPerSecond;
    const cliRate = r.cli.cpuMs / r.cli.seconds;
    return {
      oursRaw, oursNet, idle: r.ours.idleMsPerSecond, cliRate,
      ratioRaw: oursRaw / cliRate, ratioNet: oursNet / cliRate,
      samplesPerSec: r.ours.samples / CONTAINERS / r.ours.seconds,
      minPerSec: Math.min(...r.ours.perContainer) / r.ours.seconds,
      linesPerSec: r.cli.lines / CONTAINERS / r.cli.seconds,
      errors: r.ours.errors,
      tail: r.ours.tailMs,
      dockerdOurs: r.oursDockerdMs === undefined ? NaN : r.oursDockerdMs / r.ours.seconds,
      dockerdCli: r.cliDockerdMs === undefined ? NaN : r.cliDockerdMs / r.cli.seconds,
    };
  });
  const header =
    'round   | ours raw  idle    net  ms CPU/s  stop tail ms | samples/ctr/s (min) errors | CLI ms CPU/s  rows/ctr/s  | ratio raw    net | dockerd ms/s A     B';
  const line = (label: string, x: (typeof rows)[number]): string =>
    `${label.padEnd(7)} | ${f(x.oursRaw, 2, 8)} ${f(x.idle, 2, 5)} ${f(x.oursNet, 2, 6)}           ${f(x.tail, 0, 12)} | ${f(x.samplesPerSec, 3, 13)} (${f(x.minPerSec, 3, 5)}) ${String(x.errors).padStart(6)} | ${f(x.cliRate, 2, 12)} ${f(x.linesPerSec, 3, 11)} | ${f(x.ratioRaw, 3, 9)} ${f(x.ratioNet, 3, 6)} | ${f(x.dockerdOurs, 1, 14)} ${f(x.dockerdCli, 1, 5)}`;
  const med = <K extends keyof (typeof rows)[number]>(key: K): number => median(rows.map((r) => Number(r[key])));
  const medianRow = {
    oursRaw: med('oursRaw'), oursNet: med('oursNet'), idle: med('idle'), cliRate: med('cliRate'),
    ratioRaw: med('oursRaw') / med('cliRate'), ratioNet: med('oursNet') / med('cliRate'),
    samplesPerSec: med('samplesPerSec'), minPerSec: med('minPerSec'), linesPerSec: med('linesPerSec'),
    errors: rows.reduce((a, r) => a + r.errors, 0), tail: med('tail'), dockerdOurs: med('dockerdOurs'), dockerdCli: med('dockerdCli'),
  };
  return [header, ...rows.map((r, i) => line(`${i + 1}`, r)), line('median', medianRow)];
}

async function main(): Promise<void> {
  if (!(SECONDS > 0) || !(CONTAINERS > 0) || !(IDLE_SECONDS > 0) || !(WARMUP_SECONDS >= 0) || !(SETTLE_SECONDS >= 0)) {
    throw new Error('BENCH_SECONDS, BENCH_CONTAINERS and BENCH_IDLE_SECONDS must be positive; BENCH_WARMUP_SECONDS and BENCH_SETTLE_SECONDS 0 or more');
  }
  const dockerd = dockerdPid();
  try {
    const ids = await startContainers();
    await sleep(2000); // let the containers settle before anything is measured
    // Warm-up, not in the rounds: the first use loads and compiles dockerode's streaming path once;
    // the app's sampler runs in a long-lived process, so the rounds measure it warm. Shown below.
    let warmup: OursResult | undefined;
    if (WARMUP_SECONDS > 0) {
      console.error(`warm-up: ours (${WARMUP_SECONDS} s, not in the medians)…`);
      warmup = await phaseOurs(ids, WARMUP_SECONDS, 0);
    }
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      console.error(`round ${round + 1}/${ROUNDS}: ours (${IDLE_SECONDS} s idle baseline + ${SECONDS} s)…`);
      const [ours, oursDockerdMs] = await withDockerd(dockerd, () => phaseOurs(ids)); // ends with the settle window
      console.error(`round ${round + 1}/${ROUNDS}: docker stats (${SECONDS} s)…`);
      const [cliResult, cliDockerdMs] = await withDockerd(dockerd, () => phaseCli(ids));
      await sleep(1000);
      rounds.push({ ours, oursDockerdMs, cli: cliResult, cliDockerdMs });
    }
    const lines = table(rounds);
    const ratio = median(rounds.map((r) => r.ours.cpuMs / r.ours.seconds)) / median(rounds.map((r) => r.cli.cpuMs / r.cli.seconds));
    console.log(
      [
        '',
        `Sampler CPU with ${CONTAINERS} concurrent sessions, ${SECONDS} s per phase, phases alternated (A ours, B docker stats CLI) ×${ROUNDS}, same machine, same run.`,
        `ours: followStats on all containers in this process (${PATH_USED}${STORE ? ', each sample stored by the metrics writer as the app does' : ', samples counted only (BENCH_STORE=0)'}), ${process.env[BUNDLED_MARK] === '1' ? 'as a plain-node bundle' : 'under the loader that started it'}; process.cpuUsage() (user+sys, all threads); idle = this process with nothing followed; net = raw − idle.`,
        `CLI: docker stats --format '{{json .}}' <ids>, no TTY, stdout discarded; utime+stime from /proc/<pid>/stat (CLK_TCK ${CLK_TCK}) before SIGKILL.`,
        'Not counted for either: dockerd (both make the engine stream stats); its CPU per phase is shown for information only.',
        '',
        ...lines,
        warmup === undefined
          ? 'warm-up: none (BENCH_WARMUP_SECONDS=0)'
          : `warm-up (first use in this process, ${warmup.seconds.toFixed(1)} s, not in the medians): ours ${(warmup.cpuMs / warmup.seconds).toFixed(2)} ms CPU/s, stop tail ${warmup.tailMs.toFixed(0)} ms`,
        `stop tail: this process's CPU in the ${SETTLE_SECONDS} s after the disposers (V8's memory reducer compacting the quiet heap): a one-off per stop, not in the rates; errors in the median row: the total.`,
        '',
        `Goal: ours ≤ ${GOAL_RATIO}× the CLI's CPU (raw, medians): ${ratio.toFixed(3)} → ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}.`,
      ].join('\n'),
    );
    if (!(ratio <= GOAL_RATIO)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    cli?.kill('SIGKILL');
    await removeContainers();
  })();
  return cleaning;
}

/**
 * The app ships its main process as a bundle run by plain Node (Electron's), not under tsx, whose
 * loader thread would be counted in process.cpuUsage(): bundle this file with esbuild (tsx's own)
 * and run the bundle with plain node, same arguments and environment. BENCH_BUNDLE=0 skips that.
 */
async function runBundled(): Promise<number> {
  const { build } = await import('esbuild');
  // Beside node_modules, so the bundle's external packages (dockerode, zod) resolve as the app's do.
  const outdir = resolve(__dirname, '..', 'node_modules', '.cache', 'dillinger-bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'metrics-sampler.bench.cjs');
  await build({ entryPoints: [__filename], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  console.error(`running the bench as a plain-node bundle: node ${outfile}`);
  const child = spawn(process.execPath, [outfile], { stdio: 'inherit', env: { ...process.env, [BUNDLED_MARK]: '1' } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
}

if (BUNDLE && process.env[BUNDLED_MARK] !== '1') {
  runBundled().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: removing the bench containers…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  storeDir = mkdtempSync(join(tmpdir(), 'metrics-sampler-bench-'));
  main()
    .catch(async (error: unknown) => {
      console.error(error);
      await cleanup().catch(() => undefined);
      process.exitCode = 1;
    })
    .finally(() => rmSync(storeDir, { recursive: true, force: true }));
}
