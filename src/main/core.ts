// The composition root: everything the app does, wired together, in plain Node. The Electron shell
// (index.ts) and serve mode both carry `dispatch` and `onEvent` to a window; neither adds logic.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../shared/contract/contract';
import type { RunnerSession } from '../shared/model/entities';
import { ContractError } from '../shared/contract/envelope';
import type { LibrarySnapshot } from '../shared/library/manifest';
import type { HostFacts } from '../shared/validation/host-facts';
import { pathsToProbe, validateLaunchRequest } from '../shared/validation/launch-request';
import { resolveDataDir } from './app-data/data-dir';
import { acquireInstanceLock } from './app-data/instance-lock';
import { defaultAllowedDirectories, defaultDockerEndpoint, loadSettings } from './app-data/settings';
import { connectDocker } from './docker/engine';
import { defaultRunnerContext } from './docker/runner-image';
import { seedDemoGames } from './library/demo-games';
import { startGpuSampler, type GpuSampler } from './metrics/gpu-sampler';
import { startHostMetrics } from './metrics/host-metrics';
import { SessionMetrics } from './metrics/session-metrics';
import { MetricsQueryError } from './metrics/store/metrics-query';
import { pruneMetrics } from './metrics/store/retention';
import { watchContainerEvents } from './sessions/container-events';
import { gameUser } from './sessions/game-user';
import { withIdentity } from './sessions/launch-identity';
import { reconcileSessions } from './sessions/reconcile';
import { runtimeRoot } from './sessions/runtime-dir';
import { SessionManager } from './sessions/session-manager';
import { monitorEngine } from './docker/engine-monitor';
import { inventoryGpus } from './host/gpus';
import { gatherHostFacts } from './host/host-facts';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { readLibrary } from './library/library-reader';
import { watchLibrary } from './library/library-watcher';
import { openSessionStore } from './store/session-store';

export interface CoreOptions {
  /** Overrides DILLINGER_DATA_DIR and the default data dir. */
  dataDir?: string;
  /** Overrides the settings' library folder. */
  libraryDir?: string;
  /** Overrides the settings' Docker endpoint (a socket path or tcp://host:port). */
  dockerEndpoint?: string;
  env?: NodeJS.ProcessEnv;
  /** Copy the demo games into an empty library on first start (default true). */
  seedDemoGames?: boolean;
  /** The Docker volume the library is mounted from (default dillinger_library); tests use their own. */
  libraryVolume?: string;
  /** Seconds between SIGTERM and SIGKILL when a game is stopped (default 10). */
  stopGraceSeconds?: number;
}

export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  /** Pushed events, for every transport to forward. Returns the unsubscribe function. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const env = options.env ?? process.env;
  const dataDir = resolveDataDir(options.dataDir, env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireInstanceLock(dataDir);
  try {
    return await assemble(dataDir, options, env, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function assemble(dataDir: string, options: CoreOptions, env: NodeJS.ProcessEnv, releaseLock: () => void): Promise<Core> {
  const { settings, warnings: settingsWarnings } = loadSettings(dataDir);
  const libraryDir = options.libraryDir ?? settings.libraryDir ?? join(dataDir, 'library');
  const store = await openSessionStore({ dataDir });
  const endpoint = options.dockerEndpoint ?? settings.dockerEndpoint ?? defaultDockerEndpoint(env);
  const docker = connectDocker(endpoint);
  const engine = monitorEngine(docker, endpoint);

  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  // Samples follow sessions by their announced changes; emit and warn are defined below, called later.
  // GPUs are inventoried once; their sampler starts nothing on a host without one.
  let gpuSampler: GpuSampler | undefined;
  let gpus: ReturnType<typeof inventoryGpus> | undefined;
  const gpuInventory = () => (gpus ??= inventoryGpus());
  let closed = false;
  const gpuSamplerStarted = gpuInventory().then((inventory) => {
    if (!closed) gpuSampler = startGpuSampler({ inventory, onWarning: (m) => warn(m) });
  });
  const metrics = new SessionMetrics({
    docker, store, dataDir, cpuCount: availableParallelism(),
    gpuUsageFor: (containerId) => gpuSampler?.usageFor(containerId) ?? {},
    emit: (n, p) => emit(n, p),
    warn: (m) => warn(m),
  });
  const emit = (name: EventName, payload: unknown) => {
    if (name === 'session.changed') metrics.onSessionChanged(payload as RunnerSession);
    listeners.forEach((listener) => listener(name, payload));
  };
  engine.onChange((status) => emit('engine.status', status));
  const hostMetrics = startHostMetrics({ gpus: () => gpuSampler?.hostGpus() ?? [], onSample: (sample) => emit('host.metrics', sample) });

  let library = readLibrary(libraryDir);
  const reloadLibrary = (): LibrarySnapshot => {
    const next = readLibrary(libraryDir);
    if (JSON.stringify(next) !== JSON.stringify(library)) {
      library = next;
      emit('library.changed', library);
    }
    return library;
  };
  const stopWatchingLibrary = watchLibrary(libraryDir, () => reloadLibrary());

  const hostFacts = (paths: readonly string[]): Promise<HostFacts> =>
    gatherHostFacts(
      {
        allowedHostDirectories: settings.allowedHostDirectories ?? defaultAllowedDirectories(),
        extraDenied: [dataDir, endpoint.startsWith('/') ? endpoint : '/var/run/docker.sock'],
        library,
        sessionIds: () => store.sessionIds(),
        gpus: gpuInventory,
        env,
      },
      paths,
    );

  const warnings = [
    ...settingsWarnings,
    ...store.warnings.map((w) => `A session file could not be read and was set aside in ${w.file}: ${w.reason}`),
  ];
  const warn = (message: string) => {
    if (warnings.includes(message)) return; // e.g. the same orphan container, seen at every reconcile
    console.warn(message);
    warnings.push(message);
  };

  const image = settings.runnerImage
    ? { name: settings.runnerImage, build: false, contextDir: '' }
    : { name: 'dillinger-runner:local', build: true, contextDir: defaultRunnerContext() };
  const sessions = new SessionManager({
    docker,
    endpoint,
    store,
    dataDir,
    libraryDir,
    runtimeRoot: runtimeRoot(dataDir, env),
    env,
    image,
    libraryVolume: options.libraryVolume,
    maxConcurrentSessions: settings.maxConcurrentSessions,
    stopGraceSeconds: options.stopGraceSeconds ?? 10,
    user: gameUser(),
    library: () => library,
    hostFacts,
    emit,
    warn,
  });
  // Old sessions' samples go after the retention; in the background, start-up does not wait for it.
  void pruneMetrics({
    dataDir,
    history: store.toCleanUp().map((s) => ({ sessionId: s.sessionId, endTime: s.endTime })),
    activeSessionIds: store.list({ status: ['requested', 'starting', 'running', 'stopping'] }).map((s) => s.sessionId),
    retentionDays: settings.metricsRetentionDays,
  }).catch((error: unknown) => warn(`Old metrics could not be pruned: ${(error as Error).message}`));
  const stopWatchingContainers = watchContainerEvents(docker, {
    onEvent: (event) => sessions.onContainerEvent(event.sessionId, event.action),
    onReconnect: () => void sessions.recheck(),
  });
  // Make the records agree with Docker now, and again whenever the engine comes back.
  let reconciling: Promise<unknown> = Promise.resolve();
  const reconcile = () => {
    reconciling = reconciling
      .then(() => reconcileSessions(docker, store, sessions, warn))
      // Sessions adopted from an earlier run were already 'running': sample them too.
      .then(() => store.running().forEach((session) => metrics.onSessionChanged(session)))
      .catch((error: unknown) => warn(`Could not compare the sessions with Docker yet (${(error as Error).message}); the app tries again when the engine answers.`));
  };
  engine.onChange((status) => {
    if (!status.reachable) return;
    reconcile();
    void sessions.recheck();
  });
  if (options.seedDemoGames ?? true) {
    engine.onChange((status) => {
      if (!status.reachable || !image.build) return;
      void seedDemoGames(docker, image.name, libraryDir, image.contextDir, (progress) => emit('image.progress', progress))
        .then(() => reloadLibrary())
        .catch((error: unknown) => warn(`The demo games could not be added to the library: ${(error as Error).message}`));
    });
  }

  const dispatch = createDispatcher({
    'app.info': () => ({ dataDir, libraryDir, warnings }),
    'library.list': () => reloadLibrary(),
    'host.facts': (input) => hostFacts(input?.paths ?? []),
    'launch.validate': async ({ request }) => {
      const filled = withIdentity(request);
      const verdict = validateLaunchRequest(filled, await hostFacts(pathsToProbe(filled)));
      return { ok: verdict.ok, problems: verdict.ok ? [] : verdict.problems };
    },
    'sessions.list': (filter) => store.list(filter),
    'sessions.get': ({ sessionId }) => {
      const session = store.get(sessionId);
      if (!session) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      return session;
    },
    'engine.status': () => engine.refresh(),
    'sessions.launch': ({ request }) => sessions.launch(request),
    'sessions.stop': ({ sessionId, force }) => sessions.stop(sessionId, force),
    'sessions.logs': ({ sessionId, maxBytes }) => sessions.logs(sessionId, maxBytes),
    'metrics.host': () => hostMetrics.latest() ?? null,
    'metrics.query': async ({ sessionId, from, to, maxPoints }) => {
      if (!store.get(sessionId)) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      try {
        return await metrics.query(sessionId, { from, to }, maxPoints);
      } catch (error) {
        if (error instanceof MetricsQueryError) throw new ContractError('invalid_payload', error.message, [{ path: error.field, message: error.message }]);
        throw error;
      }
    },
  });

  return {
    dataDir,
    dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      stopWatchingLibrary();
      stopWatchingContainers();
      hostMetrics.dispose();
      closed = true;
      await gpuSamplerStarted;
      await gpuSampler?.dispose();
      await engine.dispose();
      await reconciling;
      await sessions.dispose();
      await metrics.dispose();
      await store.close();
      releaseLock();
    },
  };
}
