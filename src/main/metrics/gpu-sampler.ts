// GPU use per container and per host GPU, kept current in the background so that the 1 Hz metrics
// path (session-metrics.ts) only reads a map. Puts together the readers in ./gpu:
// - NVIDIA: ONE long-running `nvidia-smi --query-gpu … -lms` and ONE `nvidia-smi pmon`, pmon's pids
//   mapped to containers through /proc/<pid>/cgroup (cached per pid while the pid keeps showing).
// - AMD / Intel (DRM): every interval, the fdinfo of the processes of the containers asked about
//   lately (usageFor records the interest), busy % from the previous reading; host busy % from sysfs.
// Nothing is started on a host without a GPU. Nothing here throws into the caller: failures are
// reported once each through onWarning and the readings stay absent (never a made-up 0).
import { readdir } from 'node:fs/promises';
import type { GpuFact } from '../../shared/validation/host-facts';
import { readDrmSnapshot, type DrmSnapshot } from './gpu/drm-fdinfo';
import { readGpuBusyPercent, type DrmCardBusy } from './gpu/drm-sysfs';
import { startNvidiaPmonLoop, type NvidiaPmonLoop } from './gpu/nvidia-pmon';
import { startNvidiaQueryLoop, type NvidiaQueryLoop } from './gpu/nvidia-query';
import { containerIdsOfPids } from './gpu/process-cgroup';
import { attributeGpuUsage, summarizeHostGpus, type HostGpuSummary, type SessionGpuUsage } from './gpu/session-gpu';

export interface GpuSamplerOptions {
  /** The GPUs inventoried at start (host/gpus.ts inventoryGpus). */
  inventory: readonly GpuFact[];
  intervalMs?: number;
  procRoot?: string;
  sysDrmRoot?: string;
  /** The nvidia-smi to run (a stand-in script in tests); default `nvidia-smi` on the PATH. */
  commands?: { nvidiaSmi?: string };
  /**
   * The host pids of a container (DRM GPUs only). Default: one scan of /proc per interval, only while
   * some container was asked about — a readdir of /proc plus, for pids not seen before, one read of
   * /proc/<pid>/cgroup each (known pids are cached), so a few hundred small reads at start, then few.
   */
  containerPids?: (containerId: string) => Promise<number[]>;
  /** Called once per kind of failure (no nvidia-smi, an unreadable /proc, ...). */
  onWarning?(message: string): void;
  /** A container not asked about for this long is no longer read (DRM); default max(5 × interval, 5 s). */
  interestTtlMs?: number;
  /** Monotonic ms clock for DRM busy % and interest; default performance.now. */
  now?(): number;
}

export interface GpuSampler {
  /** The latest GPU use of a container (its 64-hex id, or a unique prefix); {} when none: fields absent, not 0. */
  usageFor(containerId: string): SessionGpuUsage;
  /** One entry per host GPU with a current reading; [] without a GPU. */
  hostGpus(): HostGpuSummary[];
  /** Runs one sampling round now and waits for it (the timer runs the same; a round in progress is awaited instead). */
  refresh(): Promise<void>;
  /** Stops the nvidia-smi children and the timer; resolves once the children have exited. */
  dispose(): Promise<void>;
}

const DRM_VENDORS: ReadonlySet<GpuFact['vendor']> = new Set(['amd', 'intel']);

export function startGpuSampler(options: GpuSamplerOptions): GpuSampler {
  const hasNvidia = options.inventory.some((gpu) => gpu.vendor === 'nvidia');
  const hasDrm = options.inventory.some((gpu) => DRM_VENDORS.has(gpu.vendor));
  if (!hasNvidia && !hasDrm) {
    return { usageFor: () => ({}), hostGpus: () => [], refresh: () => Promise.resolve(), dispose: () => Promise.resolve() };
  }
  const intervalMs = Math.max(100, options.intervalMs ?? 1000);
  const procRoot = options.procRoot ?? '/proc';
  const sysDrmRoot = options.sysDrmRoot ?? '/sys/class/drm';
  const now = options.now ?? (() => performance.now());
  const interestTtlMs = options.interestTtlMs ?? Math.max(5 * intervalMs, 5000);

  const warned = new Set<string>();
  const warnOnce = (key: string, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    try {
      options.onWarning?.(message);
    } catch {
      // a failing logger must not stop sampling
    }
  };

  let query: NvidiaQueryLoop | undefined;
  let pmon: NvidiaPmonLoop | undefined;
  if (hasNvidia) {
    const command = options.commands?.nvidiaSmi;
    const onUnavailable = (reason: string): void => warnOnce('nvidia', `GPU use is not measured on NVIDIA GPUs: ${reason}`);
    query = startNvidiaQueryLoop({ intervalMs, command, onUnavailable });
    pmon = startNvidiaPmonLoop({ delaySeconds: intervalMs / 1000, command, onUnavailable });
  }

  /** pid → container id (null: in none), for the pids seen in the latest round only. */
  let containerOfPid = new Map<number, string | null>();
  /** Container id as asked → when it was last asked. */
  const interest = new Map<string, number>();
  let previousDrm: DrmSnapshot | undefined;
  let usage = new Map<string, SessionGpuUsage>();
  let drmCards: DrmCardBusy[] = [];
  let disposed = false;
  let inFlight: Promise<void> | undefined;

  /** Container ids for these pids into `seen`, from the cache or /proc/<pid>/cgroup (the round's `seen` becomes the cache). */
  const lookUp = async (pids: Iterable<number>, seen: Map<number, string | null>): Promise<void> => {
    const unknown = [...pids].filter((pid) => !containerOfPid.has(pid) && !seen.has(pid));
    const found = await containerIdsOfPids(unknown, procRoot);
    for (const pid of pids) if (!seen.has(pid)) seen.set(pid, containerOfPid.get(pid) ?? found.get(pid) ?? null);
  };

  /** The pids of the containers asked about lately, each with its container id (as asked). */
  const drmPids = async (seen: Map<number, string | null>): Promise<Map<number, string>> => {
    const oldest = now() - interestTtlMs;
    for (const [id, at] of interest) if (at < oldest) interest.delete(id);
    const pidsOf = new Map<number, string>();
    if (interest.size === 0) return pidsOf;
    if (options.containerPids) {
      const { containerPids } = options;
      const ids = [...interest.keys()];
      const lists = await Promise.all(
        ids.map((id) =>
          Promise.resolve()
            .then(() => containerPids(id))
            .catch((error: unknown) => {
              warnOnce('pids', `The processes of a container could not be listed: ${String(error)}`);
              return [];
            }),
        ),
      );
      ids.forEach((id, position) => lists[position]?.forEach((pid) => pidsOf.set(pid, id)));
      return pidsOf;
    }
    const entries = await readdir(procRoot).catch((error: unknown) => {
      warnOnce('proc', `GPU use is not measured on AMD/Intel GPUs: ${procRoot} cannot be read (${String(error)})`);
      return [];
    });
    await lookUp(entries.filter((name) => /^\d+$/.test(name)).map(Number), seen);
    const wanted = [...interest.keys()];
    for (const [pid, containerId] of seen) {
      const id = containerId && wanted.find((asked) => containerId.startsWith(asked));
      if (id) pidsOf.set(pid, containerId);
    }
    return pidsOf;
  };

  const round = async (): Promise<void> => {
    const seen = new Map<number, string | null>();
    const samples = query?.latest() ?? new Map();
    const processes = pmon?.latest() ?? [];
    await lookUp(new Set(processes.map((row) => row.pid)), seen);
    let drm: { previous: DrmSnapshot; current: DrmSnapshot } | undefined;
    const drmContainerOf = new Map<number, string>();
    if (hasDrm) {
      const [pids, cards] = await Promise.all([drmPids(seen), readGpuBusyPercent(sysDrmRoot)]);
      drmCards = cards;
      for (const [pid, id] of pids) drmContainerOf.set(pid, id);
      const current = await readDrmSnapshot(pids.keys(), procRoot, now);
      drm = { previous: previousDrm ?? { atMs: current.atMs, clients: new Map() }, current };
      previousDrm = current;
    }
    if (disposed) return;
    containerOfPid = seen;
    const containerOf = (pid: number): string | undefined => drmContainerOf.get(pid) ?? seen.get(pid) ?? undefined;
    usage = attributeGpuUsage({ containerOf, nvidia: { samples, processes }, drm });
  };

  const refresh = (): Promise<void> => {
    if (disposed) return Promise.resolve();
    inFlight ??= round()
      .catch((error: unknown) => warnOnce('round', `GPU sampling failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();

  const lookUpUsage = (containerId: string): SessionGpuUsage | undefined => {
    const exact = usage.get(containerId);
    if (exact || containerId.length >= 64 || containerId.length === 0) return exact;
    const matches = [...usage.keys()].filter((id) => id.startsWith(containerId));
    return matches.length === 1 && matches[0] !== undefined ? usage.get(matches[0]) : undefined;
  };

  return {
    usageFor: (containerId) => {
      if (disposed) return {};
      if (hasDrm) interest.set(containerId, now());
      const found = lookUpUsage(containerId);
      return found ? { ...found } : {};
    },
    hostGpus: () => {
      if (disposed) return [];
      try {
        return summarizeHostGpus({ inventory: options.inventory, nvidia: query?.latest(), drmCards });
      } catch (error) {
        warnOnce('host', `GPU summary failed: ${String(error)}`);
        return [];
      }
    },
    refresh,
    dispose: async () => {
      disposed = true;
      clearInterval(timer);
      await Promise.all([query?.dispose(), pmon?.dispose(), inFlight]);
      usage = new Map();
      drmCards = [];
    },
  };
}
