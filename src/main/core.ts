// The composition root: everything the app does, wired together, in plain Node. The Electron shell
// (index.ts) and serve mode both carry `dispatch` and `onEvent` to a window; neither adds logic.
import { mkdirSync } from 'node:fs';
import { availableParallelism, userInfo } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../shared/contract/contract';
import type { RunnerSession } from '../shared/model/entities';
import { LIVE_STATUSES } from '../shared/model/session-states';
import { ContractError } from '../shared/contract/envelope';
import type { LibrarySnapshot } from '../shared/library/manifest';
import type { GpuFact, HostFacts } from '../shared/validation/host-facts';
import { pathsToProbe, validateLaunchRequest } from '../shared/validation/launch-request';
import { resolveDataDir } from './app-data/data-dir';
import { instanceIdOf } from './app-data/instance-id';
import { acquireInstanceLock } from './app-data/instance-lock';
import { RESTART_SETTINGS, SettingsError, defaultAllowedDirectories, defaultDockerEndpoint, loadSettings, saveSettings } from './app-data/settings';
import { previewContainer } from './container/launch-preview';
import { gameFolderShown } from './container/game-folder';
import { connectDocker } from './docker/engine';
import { defaultRunnerContext } from './docker/runner-image';
import { seedDemoGames } from './library/demo-games';
import { startGpuSampler, type GpuSampler } from './metrics/gpu-sampler';
import { startHostMetrics } from './metrics/host-metrics';
import { SessionMetrics } from './metrics/session-metrics';
import { MetricsQueryError } from './metrics/files/metrics-query';
import { pruneMetrics } from './metrics/files/retention';
import { watchContainerEvents } from './sessions/container-events';
import { gameUser } from './container/game-user';
import { withIdentity } from './sessions/launch-identity';
import { reconcileSessions } from './sessions/reconcile';
import { runtimeRoot } from './container/runtime-dir';
import { SessionManager } from './sessions/session-manager';
import { monitorEngine } from './docker/engine-monitor';
import { inventoryGpus, nvidiaRuntimeProbe } from './host/gpus';
import { gatherHostFacts } from './host/host-facts';
import { createDispatcher, type Dispatch } from './transport/dispatcher';
import { libraryHandlers } from './library/library-handlers';
import { readLibrary } from './library/library-reader';
import { watchLibrary } from './library/library-watcher';
import { openSessionStore } from './session-store/session-store';
import { messageOf } from '../shared/errors';

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
  /** The library volume earlier versions mounted, refused as a game's volume (default DILLINGER_LIBRARY_VOLUME, else dillinger_library). */
  libraryVolume?: string;
  /** Seconds between SIGTERM and SIGKILL when a game is stopped (default 10). */
  stopGraceSeconds?: number;
  /** The host's GPUs (default: host/gpus.ts inventoryGpus); tests describe a made-up host's. */
  gpuInventory?: () => Promise<GpuFact[]>;
  /** The system's file dialog (the Electron shell gives one; a browser has none, so host.pickPath answers unavailable). */
  pickPath?: (request: { kind: 'folder' | 'file'; title?: string; defaultPath?: string }) => Promise<string | null>;
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

/** The account the app runs as, as a data-model userId (no slashes or control characters). */
function localUserId(env: NodeJS.ProcessEnv): string {
  let name = env.USER ?? env.LOGNAME;
  try {
    name ||= userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back below.
  }
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const clean = (name ?? '').replace(/[\u0000-\u001f/\\]/g, '').slice(0, 128);
  return clean || 'player';
}

async function assemble(dataDir: string, options: CoreOptions, env: NodeJS.ProcessEnv, releaseLock: () => void): Promise<Core> {
  const loaded = loadSettings(dataDir);
  let settings = loaded.settings;
  const settingsWarnings = loaded.warnings;
  const libraryDir = options.libraryDir ?? settings.libraryDir ?? join(dataDir, 'library');
  const store = await openSessionStore({ dataDir });
  const endpoint = options.dockerEndpoint ?? settings.dockerEndpoint ?? defaultDockerEndpoint(env);
  const docker = connectDocker(endpoint);
  const libraryVolume = options.libraryVolume ?? (env.DILLINGER_LIBRARY_VOLUME || undefined);
  const engine = monitorEngine(docker, endpoint);

  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  // Samples follow sessions by their announced changes; emit and warn are defined below, called later.
  // GPUs are inventoried once; their sampler starts nothing on a host without one.
  let gpuSampler: GpuSampler | undefined;
  let gpus: Promise<GpuFact[]> | undefined;
  const gpuInventory = () => (gpus ??= (options.gpuInventory ?? inventoryGpus)());
  const nvidiaRuntime = nvidiaRuntimeProbe(docker);
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
        nvidiaRuntime,
        libraryVolume,
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
    emit('app.warning', { message }); // a window open already shows it as a notice now
  };

  const image = settings.runnerImage
    ? { name: settings.runnerImage, build: false, contextDir: '' }
    : { name: 'dillinger-runner:local', build: true, contextDir: defaultRunnerContext() };
  // Made under the instance lock: one instance of this data dir writes and reads it.
  const instanceId = instanceIdOf(dataDir);
  const sessions = new SessionManager({
    docker,
    endpoint,
    store,
    dataDir,
    libraryDir,
    runtimeRoot: runtimeRoot(dataDir, env),
    env,
    image,
    instanceId,
    // A getter: a change in Settings applies to the next launch, without a restart.
    get maxConcurrentSessions() {
      return settings.maxConcurrentSessions;
    },
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
    activeSessionIds: store.list({ status: [...LIVE_STATUSES] }).map((s) => s.sessionId),
    retentionDays: settings.metricsRetentionDays,
  }).catch((error: unknown) => warn(`Old metrics could not be pruned: ${messageOf(error)}`));
  const stopWatchingContainers = watchContainerEvents(docker, {
    onEvent: (event) => sessions.onContainerEvent(event.sessionId, event.action, event.containerId),
    onReconnect: () => void sessions.recheck(),
  });
  // Make the records agree with Docker now, and again whenever the engine comes back.
  let reconciling: Promise<unknown> = Promise.resolve();
  const reconcile = () => {
    reconciling = reconciling
      .then(() => reconcileSessions(docker, store, sessions, warn, instanceId))
      // Sessions adopted from an earlier run were already 'running': sample them too.
      .then(() => store.running().forEach((session) => metrics.onSessionChanged(session)))
      .catch((error: unknown) => warn(`Could not compare the sessions with Docker yet (${messageOf(error)}); the app tries again when the engine answers.`));
  };
  engine.onChange((status) => {
    if (!status.reachable) return sessions.engineUnreachable();
    reconcile();
    void sessions.recheck();
  });
  if (options.seedDemoGames ?? true) {
    engine.onChange((status) => {
      if (!status.reachable || !image.build) return;
      void seedDemoGames(docker, image.name, libraryDir, image.contextDir, (progress) => emit('image.progress', progress))
        .then(() => reloadLibrary())
        .catch((error: unknown) => warn(`The demo games could not be added to the library: ${messageOf(error)}`));
    });
  }

  // What the Settings screen shows: the saved values, and which of them the running app does not use yet.
  const startedWith = { ...settings };
  const effectiveSettings = () => {
    const restartNeeded = RESTART_SETTINGS.filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(startedWith[key]));
    return {
      libraryDir: settings.libraryDir ?? libraryDir,
      dataDir,
      allowedHostDirectories: settings.allowedHostDirectories ?? defaultAllowedDirectories(),
      maxConcurrentSessions: settings.maxConcurrentSessions,
      dockerEndpoint: settings.dockerEndpoint ?? endpoint,
      metricsRetentionDays: settings.metricsRetentionDays,
      runnerImage: settings.runnerImage ?? '',
      restartNeeded: [...restartNeeded],
    };
  };

  const dispatch = createDispatcher({
    ...libraryHandlers({ dataDir, libraryDir, library: () => library, reloadLibrary, hostFacts, store, warn }),
    'app.info': () => ({ dataDir, libraryDir, warnings, canPickPaths: options.pickPath !== undefined, userId: localUserId(env) }),
    'launch.preview': async ({ request }) => {
      const filled = withIdentity(request);
      reloadLibrary();
      const facts = await hostFacts(pathsToProbe(filled));
      const verdict = validateLaunchRequest(filled, facts);
      if (!verdict.ok) return { ok: false, problems: verdict.problems };
      const game = library.games.find((g) => g.id === verdict.value.gameId);
      if (!game) return { ok: false, problems: [{ path: 'gameId', message: `There is no game ${verdict.value.gameId} in the library: refresh it.` }] };
      const container = previewContainer({ request: verdict.value, game, facts, image: image.name, gameFolder: gameFolderShown(libraryDir, game), user: gameUser(), env });
      return { ok: true, problems: [], container };
    },
    'settings.get': () => effectiveSettings(),
    'settings.save': async (change) => {
      try {
        const saved = await saveSettings(dataDir, settings, change, endpoint.startsWith('/') ? [endpoint] : []);
        settings = saved.settings;
        const restartNeeded = saved.changed.filter((key) => (RESTART_SETTINGS as readonly string[]).includes(key));
        return { settings: effectiveSettings(), restartNeeded };
      } catch (error) {
        if (error instanceof SettingsError) throw new ContractError('invalid_payload', error.message, error.problems);
        throw error;
      }
    },
    'host.pickPath': async (request) => {
      if (!options.pickPath) throw new ContractError('unavailable', 'There is no file dialog in a browser: type the full path instead.');
      return { path: await options.pickPath(request) };
    },
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
