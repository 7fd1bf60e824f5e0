// The composition root: constructs every part of the app, wires them together and closes them in
// order; the parts' behaviour lives in their rooms (handlers beside their area). The Electron shell
// (index.ts) and serve mode both carry `dispatch` and `onEvent` to a window; neither adds logic.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { messageOf } from '../shared/errors';
import { LIVE_STATUSES } from '../shared/model/session-states';
import type { GpuFact, HostFacts } from '../shared/validation/host-facts';
import { appWarnings } from './app-data/app-warnings';
import { resolveDataDir } from './app-data/data-dir';
import { instanceIdOf } from './app-data/instance-id';
import { acquireInstanceLock } from './app-data/instance-lock';
import { localUserId } from './app-data/local-user';
import { defaultAllowedDirectories, defaultDockerEndpoint, loadSettings } from './app-data/settings';
import { settingsHandlers } from './app-data/settings-handlers';
import { gameUser } from './container/game-user';
import { runtimeRoot } from './container/runtime-dir';
import { connectDocker } from './docker/engine';
import { monitorEngine } from './docker/engine-monitor';
import { runnerImageOf } from './docker/runner-image';
import { createEventBus } from './event-bus';
import { inventoryGpus, nvidiaRuntimeProbe } from './host/gpus';
import { gatherHostFacts } from './host/host-facts';
import { hostHandlers } from './host/host-handlers';
import { seedDemosWhenEngineAnswers } from './library/demo-seeding';
import { libraryHandlers } from './library/library-handlers';
import { watchedLibrary } from './library/library-snapshot';
import { pruneMetrics } from './metrics/files/retention';
import { gpuSamplingAfter } from './metrics/gpu-sampling';
import { startHostMetrics } from './metrics/host-metrics';
import { metricsHandlers } from './metrics/metrics-handlers';
import { SessionMetrics } from './metrics/session-metrics';
import { createPictures } from './pictures/pictures';
import { openSessionStore } from './session-store/session-store';
import { watchContainerEvents } from './sessions/container-events';
import { checkingRunnerImage, launchCheck } from './sessions/launch-check';
import { gameRunnerImageJudge } from './docker/game-runner-image';
import { launchHandlers } from './sessions/launch-handlers';
import { reconcileLoop } from './sessions/reconcile-loop';
import { sessionHandlers } from './sessions/session-handlers';
import { prefixProgramHandlers } from './prefix-programs/prefix-program-handlers';
import { SessionManager } from './sessions/session-manager';
import { openGameSaves } from './saves/game-saves';
import { missedSessionEnds, snapshotAtSessionEnd } from './saves/session-end-snapshots';
import { launchFolders } from './saves/launch-folders';
import { savesHandlers } from './saves/saves-handlers';
import { savesFolderHandlers } from './saves/saves-folder-handlers';
import { restoreGuard } from './saves/restore-guard';
import { createDispatcher } from './transport/dispatcher';
import type { Core, CoreOptions } from './core-options';

export type { Core, CoreOptions };

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
  const loaded = loadSettings(dataDir);
  const settings = { current: loaded.settings }; // a save replaces it: what applies without a restart reads it
  const libraryDir = options.libraryDir ?? settings.current.libraryDir ?? join(dataDir, 'library');
  const store = await openSessionStore({ dataDir });
  const endpoint = options.dockerEndpoint ?? settings.current.dockerEndpoint ?? defaultDockerEndpoint(env);
  const docker = connectDocker(endpoint);
  const engine = monitorEngine(docker, endpoint);
  const bus = createEventBus();
  const setAside = store.warnings.map((w) => `A session file could not be read and was set aside in ${w.file}: ${w.reason}`);
  const warnings = appWarnings([...loaded.warnings, ...setAside], (message) => bus.emit('app.warning', { message }));
  const { warn } = warnings;

  // GPUs are inventoried once; their sampler starts nothing on a host without one.
  let gpus: Promise<GpuFact[]> | undefined;
  const gpuInventory = () => (gpus ??= (options.gpuInventory ?? inventoryGpus)());
  const gpuSampler = gpuSamplingAfter(gpuInventory(), warn);
  const metrics = new SessionMetrics({ docker, store, dataDir, cpuCount: availableParallelism(), gpuUsageFor: gpuSampler.usageFor, emit: bus.emit, warn });
  bus.on('session.changed', (session) => metrics.onSessionChanged(session)); // samples follow sessions
  const pictures = createPictures({ store, docker, env, dataDir, emit: bus.emit, warn }); // captures only while a page watches
  bus.on('session.changed', (session) => pictures.watch.onSessionChanged(session));
  engine.onChange((status) => bus.emit('engine.status', status));
  const hostMetrics = startHostMetrics({ gpus: gpuSampler.hostGpus, onSample: (sample) => bus.emit('host.metrics', sample) });

  const library = watchedLibrary(libraryDir, (snapshot) => bus.emit('library.changed', snapshot));
  const nvidiaRuntime = nvidiaRuntimeProbe(docker);
  const libraryVolume = options.libraryVolume ?? (env.DILLINGER_LIBRARY_VOLUME || undefined);
  const hostFacts = (paths: readonly string[]): Promise<HostFacts> => gatherHostFacts({
    allowedHostDirectories: settings.current.allowedHostDirectories ?? defaultAllowedDirectories(),
    extraDenied: [dataDir, endpoint.startsWith('/') ? endpoint : '/var/run/docker.sock'],
    library: library.current(), sessionIds: () => store.sessionIds(), gpus: gpuInventory, nvidiaRuntime, libraryVolume, env,
  }, paths);
  const checkLaunch = launchCheck({ reloadLibrary: library.reload, hostFacts });
  const userId = localUserId(env);

  const image = runnerImageOf(settings.current.runnerImage);
  // Made under the instance lock: one instance of this data dir writes and reads it.
  const instanceId = instanceIdOf(dataDir);
  const saves = openGameSaves({ dataDir });
  const restores = restoreGuard();
  const winePrefixOf = async (gameId: string) => (await libraryApi['games.settings.get']({ gameId })).launchConfig.winePrefix;
  const snapshotAtEnd = snapshotAtSessionEnd({
    dataDir, saves, warn, winePrefixOf,
    // A getter: the retention numbers saved in Settings apply to the next prune, without a restart.
    retention: () => ({ keepLast: settings.current.savesKeepLast, keepDays: settings.current.savesKeepDays }),
    // What the snapshot did goes on the session's final record, announced so History shows it.
    record: async (sessionId, savesSnapshot) => {
      const amended = await store.recordSavesSnapshot(sessionId, savesSnapshot);
      bus.emit('session.changed', amended);
      return amended;
    },
    onSnapshot: (session, outcome) => outcome.status === 'created' && bus.emit('saves.changed', { gameId: session.gameId, snapshotId: outcome.snapshot.id }),
  });
  bus.on('session.changed', (session) => void snapshotAtEnd(session));
  // A half-made snapshot or restore left by a crash is reported (never deleted silently); every ended
  // session's saves are snapshotted, those of a session that ended while the app was away at start.
  void saves.recover()
    .then((result) => result.warnings.forEach(warn), (error: unknown) => warn(`The saves could not be checked after the last run: ${messageOf(error)}`))
    .then(async () => { for (const missed of missedSessionEnds(store.list())) await snapshotAtEnd(missed); });
  const sessions = new SessionManager({
    // Every session of a game gets its persistent folders; an installer, a tool or winetricks verbs a snapshot before.
    gameFolders: launchFolders({
      dataDir, saves, restores,
      onSnapshot: (gameId, outcome) => outcome.status === 'created' && bus.emit('saves.changed', { gameId, snapshotId: outcome.snapshot.id }),
    }),
    docker, endpoint, store, dataDir, libraryDir, runtimeRoot: runtimeRoot(dataDir, env), env, image, instanceId,
    // A getter: a change in Settings applies to the next launch, without a restart.
    get maxConcurrentSessions() {
      return settings.current.maxConcurrentSessions;
    },
    stopGraceSeconds: options.stopGraceSeconds ?? 10, user: gameUser(), checkLaunch, emit: bus.emit, warn,
  });
  // Old sessions' samples go after the retention; in the background, start-up does not wait for it.
  const history = store.toCleanUp().map((s) => ({ sessionId: s.sessionId, endTime: s.endTime }));
  const activeSessionIds = store.list({ status: [...LIVE_STATUSES] }).map((s) => s.sessionId);
  void pruneMetrics({ dataDir, history, activeSessionIds, retentionDays: settings.current.metricsRetentionDays })
    .catch((error: unknown) => warn(`Old metrics could not be pruned: ${messageOf(error)}`));
  const stopWatchingContainers = watchContainerEvents(docker, {
    onEvent: (event) => sessions.onContainerEvent(event.sessionId, event.action, event.containerId),
    onReconnect: () => void sessions.recheck(),
  });
  // The records agree with Docker now, and again whenever the engine comes back.
  const reconciler = reconcileLoop({ docker, store, sessions, warn, instanceId, running: (session) => metrics.onSessionChanged(session) });
  engine.onChange((status) => (status.reachable ? reconciler.engineBack() : sessions.engineUnreachable()));
  if (options.seedDemoGames ?? true) {
    engine.onChange(seedDemosWhenEngineAnswers({ docker, image, libraryDir, onProgress: (progress) => bus.emit('image.progress', progress), reload: library.reload, warn }));
  }

  const libraryApi = libraryHandlers({ dataDir, libraryDir, library: library.current, reloadLibrary: library.reload, hostFacts, checkLaunch, userId, store, warn });
  const dispatch = createDispatcher({
    ...libraryApi,
    ...settingsHandlers({ dataDir, libraryDir, endpoint, settings }),
    ...hostHandlers({ hostFacts, pickPath: options.pickPath }),
    ...launchHandlers({ checkLaunch: checkingRunnerImage(checkLaunch, gameRunnerImageJudge(docker, image)), image: image.name, libraryDir, dataDir, env }),
    ...sessionHandlers({ sessions, store, userId, gameSettings: async (gameId) => libraryApi['games.settings.get']({ gameId }) }),
    ...metricsHandlers({ hostMetrics, metrics, store }),
    ...pictures.handlers,
    ...savesHandlers({
      dataDir, saves, store, restores, emit: bus.emit, winePrefixOf, gameUser: gameUser(), allowedDirectories: () => settings.current.allowedHostDirectories ?? defaultAllowedDirectories(),
      titleOf: (gameId) => library.current().games.find((g) => g.id === gameId)?.title ?? gameId,
    }),
    ...savesFolderHandlers({ dataDir, openPath: options.openPath }),
    ...prefixProgramHandlers({
      sessions, store, userId, library: library.current, updateGame: async (change) => libraryApi['library.update'](change),
      gameSettings: async (gameId) => libraryApi['games.settings.get']({ gameId }),
    }),
    'app.info': () => ({ dataDir, libraryDir, warnings: warnings.list, canPickPaths: options.pickPath !== undefined, userId }),
    'engine.status': () => engine.refresh(),
  });

  return {
    dataDir,
    dispatch,
    onEvent: (listener) => bus.onAny(listener),
    async close() {
      bus.clear();
      library.stop();
      stopWatchingContainers();
      hostMetrics.dispose();
      await gpuSampler.dispose();
      await engine.dispose();
      await reconciler.settled();
      await sessions.dispose();
      await metrics.dispose();
      await pictures.watch.dispose();
      await store.close();
      releaseLock();
    },
  };
}
