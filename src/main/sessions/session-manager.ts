// Sessions from Play to their end: validate, record `requested`, answer at once, then in the
// background build the image if needed, prepare the display, create and start the container, and
// follow it (Docker's events, its output) until it ends. Every change is written before it is announced.
import type Docker from 'dockerode';
import { ContractError } from '../../shared/contract/envelope';
import type { EventName, LaunchRequestDraft } from '../../shared/contract/contract';
import type { GameLaunchRequest, RunnerSession } from '../../shared/model/entities';
import { LIVE_STATUSES, isTerminal } from '../../shared/model/session-states';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import type { SessionStore } from '../session-store/session-store';
import { containerName } from '../container/container-spec';
import { sessionIdTaken, type CheckLaunch } from './launch-check';
import { entrypointExplains } from './exit-outcome';
import { explainEngineError } from './engine-errors';
import { neverStarted, sessionEnd, type Failure } from './session-end';
import { gameProcessId } from './game-process';
import { BoundedLog, followContainerLogs, readLogTail, resumeLogSince, runnerMessage } from './session-log';
import { prepareContainer, type ContainerDeps, type PreparedContainer } from '../container/prepare-container';
import { finishSession } from './session-transitions';
import { NO_PHASE, followLaunchPhase, type LaunchPhaseWatch } from './launch-phase';
import { EngineAway, engineUnreachable, inspectWhenAnswering } from './engine-outage';
import { failureKindOf } from './failure-kind';
import { programEnd } from './program-end';
import { releaseEndedSession, releaseStaleSessions } from './session-leftovers';

const ACTIVITY_WRITE_INTERVAL_MS = 5000;
const LOG_DRAIN_TIMEOUT_MS = 3000;

/** What the manager needs: what building a container needs (ContainerDeps), and the lifecycle's own. */
export interface SessionManagerDeps extends ContainerDeps {
  /** Where the engine is, for messages when it does not answer. */
  endpoint: string;
  store: SessionStore;
  dataDir: string;
  maxConcurrentSessions: number;
  /** Seconds between SIGTERM and SIGKILL on a normal stop. */
  stopGraceSeconds: number;
  /** The one check of a launch request (launch-check.ts). */
  checkLaunch: CheckLaunch;
  emit(name: EventName, payload: unknown): void;
  warn(message: string): void;
}

/** What the manager holds for a session whose container it follows. */
interface Live {
  /**
   * Launched or adopted by this run. A Stop pressed right after a restart, before reconcile adopted
   * the session, makes an entry that is not: reconcile must still adopt it (and carry out the stop).
   */
  followed: boolean;
  containerId?: string;
  stopRequested: boolean;
  force: boolean;
  finishing?: Promise<void>;
  logs?: { done: Promise<void>; stop(): void };
  lastActivityWrite: number;
  memoryLimit?: string;
  /** The launch step its output tells (a Wine prefix being made): launch-phase.ts. */
  phase?: LaunchPhaseWatch;
  /** When the engine was first found not answering while this session was live (ms). */
  engineLostAt?: number;
}

export class SessionManager {
  private readonly live = new Map<string, Live>();
  private readonly launching = new Map<string, Promise<RunnerSession>>();
  /** Session ids of launches that passed the limit and are being recorded (see reserve()). */
  private readonly reserved = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: SessionManagerDeps) {}

  /** Validates and records the request, then starts the game in the background. */
  async launch(draft: LaunchRequestDraft): Promise<RunnerSession> {
    const gameId = typeof draft.gameId === 'string' ? draft.gameId : '';
    const pending = this.launching.get(gameId);
    if (pending) return pending;
    const launch = this.record(draft).finally(() => this.launching.delete(gameId));
    this.launching.set(gameId, launch);
    return launch;
  }

  async stop(sessionId: string, force = false): Promise<RunnerSession> {
    const session = this.require(sessionId);
    if (isTerminal(session.status)) return session;
    const live = this.liveOf(sessionId);
    live.stopRequested = true;
    live.force ||= force;
    let current = session;
    if (session.status === 'running') current = this.announce(await this.deps.store.update(sessionId, { status: 'stopping' }));
    if (live.containerId) await this.signal(live.containerId, live.force);
    return current;
  }

  logs(sessionId: string, maxBytes: number): { text: string; truncated: boolean } {
    this.require(sessionId);
    return readLogTail(this.deps.store.layout.sessionLogFile(sessionId), maxBytes);
  }

  /** Handles one Docker event about one of our containers. */
  onContainerEvent(sessionId: string, action: string, containerId?: string): void {
    const live = this.live.get(sessionId);
    if (!live) return;
    // Only the container this session follows: never one that merely carries the same label.
    if (containerId && live.containerId && containerId !== live.containerId) return;
    if (action === 'oom') return; // the `die` that follows reads OOMKilled from inspect
    if (action === 'die' || action === 'destroy') void this.finish(sessionId);
  }

  /** After missed events (a broken stream, an app restart): look at each followed container again. */
  async recheck(): Promise<void> {
    await Promise.all(
      [...this.live.entries()].map(async ([sessionId, live]) => {
        if (!live.containerId || live.finishing) return;
        const running = await this.deps.docker.getContainer(live.containerId).inspect().then((i) => i.State.Running, (error: unknown) => {
          if (!engineUnreachable(error)) return false;
          // Nothing to conclude while the engine does not answer: it is looked at again when it does.
          live.engineLostAt ??= Date.now();
          return undefined;
        });
        if (running === true) live.engineLostAt = undefined; // the outage did not stop it (live restore)
        if (running === false) await this.finish(sessionId);
      }),
    );
  }

  /** The engine stopped answering: what ends meanwhile is recorded as ended with the engine. */
  engineUnreachable(): void {
    const now = Date.now();
    for (const live of this.live.values()) live.engineLostAt ??= now;
  }

  /** Is this session being followed by this run of the app (launched or adopted)? */
  follows(sessionId: string): boolean {
    return this.live.get(sessionId)?.followed ?? false;
  }

  /** Resumes following a container that outlived an earlier run of the app. */
  async adopt(session: RunnerSession, info: Docker.ContainerInspectInfo): Promise<void> {
    const live = this.liveOf(session.sessionId);
    live.followed = true;
    live.containerId = info.Id;
    live.memoryLimit = undefined;
    // Read the record again: a Stop pressed since reconcile listed it (right after a restart) moved
    // it to stopping, but found no container to signal yet. The stop is carried out below.
    const current = this.deps.store.get(session.sessionId) ?? session;
    if (current.status === 'starting') this.announce(await this.deps.store.update(session.sessionId, { status: 'running', processId: await gameProcessId(info.State.Pid) }));
    if (current.status === 'stopping') live.stopRequested = true;
    await this.followLogs(session.sessionId, info.Id, resumeLogSince(this.deps.store.layout.sessionLogFile(session.sessionId), info.State.StartedAt));
    if (!(await this.deps.docker.getContainer(info.Id).inspect()).State.Running) await this.finish(session.sessionId);
    else if (live.stopRequested) await this.signal(info.Id, live.force);
  }

  /** Ends a session whose container already exited or vanished while the app was not running. */
  async settle(session: RunnerSession, info: Docker.ContainerInspectInfo | undefined): Promise<void> {
    const live = this.liveOf(session.sessionId);
    live.containerId = info?.Id;
    live.stopRequested = session.status === 'stopping';
    const neverRan = info !== undefined && neverStarted(info);
    const interrupted =
      session.status === 'requested' ? 'The app closed before this launch finished: press Play again.'
        : session.status === 'starting' && neverRan && !live.stopRequested ? 'The app was closed while the game was starting, so it never started: press Play again.'
          : undefined;
    await this.finish(session.sessionId, info ?? null, interrupted ? { reason: interrupted, kind: 'interrupted' } : undefined);
  }

  /**
   * The app is quitting: lets sessions that are ending finish their bookkeeping (record, container
   * removal), then stops following the rest; their containers keep running and are adopted next start.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ending = [...this.live.values()].flatMap((live) => (live.finishing ? [live.finishing] : []));
    await Promise.race([Promise.all(ending), delay(15_000)]);
    for (const live of this.live.values()) {
      live.logs?.stop();
      live.phase?.dispose();
    }
    this.live.clear();
  }

  private async record(draft: LaunchRequestDraft): Promise<RunnerSession> {
    const { store, checkLaunch, maxConcurrentSessions } = this.deps;
    const verdict = await checkLaunch(draft);
    if (!verdict.ok) throw new ContractError(verdict.code, verdict.message, verdict.code === 'conflict' ? undefined : verdict.problems);
    const { request, game, facts } = verdict;
    const running = store.list({ gameId: request.gameId, status: [...LIVE_STATUSES] })[0];
    if (running) return running;
    this.reserve(request.sessionId, maxConcurrentSessions);
    const method = request.launchConfig.displayMode;
    const display = facts.displays[method];
    const session = await store.create({
      sessionId: request.sessionId,
      containerId: containerName(request.sessionId),
      gameId: request.gameId,
      userId: request.userId,
      status: 'requested',
      startTime: new Date().toISOString(),
      platform: request.platform,
      ...(request.program ? { kind: request.program.kind } : {}),
      displayInfo: {
        method,
        displayId: display?.displayId ?? (method === 'x11' ? ':0' : 'wayland-0'),
        ...(display ? { socketPath: display.socketPath } : {}),
        ...(request.launchConfig.resolution ? { resolution: request.launchConfig.resolution } : {}),
        ...(request.launchConfig.refreshRate ? { refreshRate: request.launchConfig.refreshRate } : {}),
      },
    }).finally(() => this.reserved.delete(request.sessionId));
    this.live.set(session.sessionId, { followed: true, stopRequested: false, force: false, lastActivityWrite: 0, memoryLimit: request.launchConfig.resources.memoryLimit });
    this.announce(session);
    void this.start(request, game, facts, session).catch((error: unknown) => this.deps.warn(`Session ${session.sessionId} could not be followed: ${explainEngineError(error, this.deps.endpoint)}`));
    return session;
  }

  /**
   * Checks the limit and the session id and reserves a place, in one synchronous step: launches
   * that arrive together cannot all pass the check before any of them is recorded.
   */
  private reserve(sessionId: string, maxConcurrentSessions: number): void {
    const { store } = this.deps;
    if (this.reserved.has(sessionId) || store.get(sessionId)) {
      throw new ContractError('conflict', sessionIdTaken(sessionId));
    }
    // A launch is counted once, whether it is still reserved, already recorded, or both for a moment.
    const liveCount = new Set([...store.list({ status: [...LIVE_STATUSES] }).map((s) => s.sessionId), ...this.reserved]).size;
    if (liveCount >= maxConcurrentSessions) {
      // "1 game is", not "1 games are": a limit of 1 is a common setting on small machines.
      const already = liveCount === 1 ? '1 game is' : `${liveCount} games are`;
      throw new ContractError('conflict', `${already} already running, the most this app allows at once: stop one first, or raise "Maximum concurrent sessions" in Settings.`);
    }
    this.reserved.add(sessionId);
  }

  private async start(request: GameLaunchRequest, game: LibraryGame, facts: HostFacts, session: RunnerSession): Promise<void> {
    const { store } = this.deps;
    const live = this.liveOf(session.sessionId);
    let prepared: PreparedContainer;
    try {
      prepared = await prepareContainer(this.deps, request, game, facts, (progress) => this.deps.emit('image.progress', { sessionId: session.sessionId, ...progress }));
    } catch (error) {
      await this.fail(session.sessionId, { reason: `The game could not be prepared: ${explainEngineError(error, this.deps.endpoint)}`, kind: failureKindOf(error) });
      return;
    }
    live.containerId = prepared.container.id;
    // The game's own display closed (its window, say): the session stops as Stop would stop it.
    void prepared.nestedDisplay?.exited.then(async () => {
      if (this.live.has(session.sessionId) && !live.stopRequested) await this.stop(session.sessionId);
    }).catch(() => undefined);
    this.announce(await store.update(session.sessionId, {
      status: 'starting',
      containerId: prepared.container.id,
      displayInfo: { ...session.displayInfo, ...(prepared.authToken ? { authToken: prepared.authToken } : {}), ...nestedDisplayRecord(prepared) },
      audioInfo: prepared.audioInfo,
      ...(prepared.warnings.length > 0 ? { warnings: prepared.warnings } : {}),
      gpuInfo: prepared.gpuInfo,
    }));
    if (live.stopRequested) {
      await this.finish(session.sessionId);
      return;
    }
    try {
      await prepared.container.start();
    } catch (error) {
      await this.finish(session.sessionId, null, { reason: `Docker refused to start the game: ${explainEngineError(error, this.deps.endpoint)}`, kind: failureKindOf(error) });
      return;
    }
    await this.followLogs(session.sessionId, prepared.container.id, 0);
    const info = await prepared.container.inspect().catch(() => undefined);
    if (info?.State.Running && !live.finishing) {
      this.announce(await store.update(session.sessionId, { status: 'running', processId: await gameProcessId(info.State.Pid), lastActivity: new Date().toISOString() }));
      if (live.stopRequested) await this.stop(session.sessionId, live.force);
    } else {
      await this.finish(session.sessionId);
    }
  }

  private async followLogs(sessionId: string, containerId: string, since: number): Promise<void> {
    const live = this.liveOf(sessionId);
    const log = new BoundedLog(this.deps.store.layout.sessionLogFile(sessionId));
    live.phase?.dispose();
    const phase = (live.phase = followLaunchPhase(
      { docker: this.deps.docker, store: this.deps.store, announce: (s) => this.announce(s), ending: () => this.live.get(sessionId)?.finishing !== undefined },
      sessionId,
      containerId,
    ));
    live.logs = await followContainerLogs(this.deps.docker, containerId, log, (text) => {
      this.deps.emit('session.log', { sessionId, text });
      void this.noteActivity(sessionId);
      phase.onOutput(text);
    }, since).catch(() => undefined);
  }

  /** Output means the game is alive: move lastActivity, writing at most every few seconds. */
  private async noteActivity(sessionId: string): Promise<void> {
    const live = this.live.get(sessionId);
    const session = this.deps.store.get(sessionId);
    if (!live || !session || session.status !== 'running' || live.finishing) return;
    const now = Date.now();
    if (now - live.lastActivityWrite < ACTIVITY_WRITE_INTERVAL_MS) return;
    live.lastActivityWrite = now;
    this.announce(await this.deps.store.update(sessionId, { lastActivity: new Date(now).toISOString() }).catch(() => session));
  }

  /**
   * The container ended (or never ran): record how, keep its output, remove it and the runtime dir.
   * `known` is an inspect result already in hand (null: the container is gone).
   */
  private finish(sessionId: string, known?: Docker.ContainerInspectInfo | null, failure?: Failure): Promise<void> {
    const live = this.liveOf(sessionId);
    live.finishing ??= (async () => {
      const { docker, store } = this.deps;
      const container = live.containerId ? docker.getContainer(live.containerId) : undefined;
      const info = known !== undefined ? known ?? undefined : container && (await inspectWhenAnswering(container, () => (live.engineLostAt ??= Date.now()), () => this.disposed));
      if (info?.State.Running) await container?.kill().catch(() => undefined);
      await Promise.race([live.logs?.done, delay(LOG_DRAIN_TIMEOUT_MS)]);
      live.logs?.stop();
      live.phase?.dispose();
      // An ended session is in no launch phase (one stopped while its prefix was being made, say).
      if (store.get(sessionId)?.phase) await store.update(sessionId, NO_PHASE).catch(() => undefined);
      const session = store.get(sessionId);
      if (session && !isTerminal(session.status)) {
        const runnerError = entrypointExplains(info?.State.ExitCode) ? runnerMessage(store.layout.sessionLogFile(sessionId)) : undefined;
        const end = programEnd(session.kind, sessionEnd({
          status: session.status, info, failure, stopRequested: live.stopRequested, memoryLimit: live.memoryLimit,
          engineLost: live.engineLostAt !== undefined, runnerError, endTime: new Date().toISOString(),
        }), { stopRequested: live.stopRequested, force: live.force });
        await finishSession(store, session, end.status, end.patch, (s) => this.announce(s));
      }
      await container?.remove({ force: true, v: false }).catch(() => undefined);
      await releaseEndedSession(this.deps.runtimeRoot, sessionId, this.deps.warn); // its sound server, display, folder
      this.live.delete(sessionId);
    })().catch((error: unknown) => {
      // Quitting while the engine is away: the record stays live, and the next start reconciles it.
      if (!(error instanceof EngineAway)) this.deps.warn(`Finishing session ${sessionId} failed: ${explainEngineError(error, this.deps.endpoint)}`);
    });
    return live.finishing;
  }

  /**
   * Stops sound servers left by sessions that are no longer live (an app crash between a
   * session's end and its cleanup); live sessions keep theirs. Called by reconcile.
   */
  async releaseStaleAudio(): Promise<string[]> {
    const live = new Set(this.deps.store.list({ status: [...LIVE_STATUSES] }).map((s) => s.sessionId));
    return releaseStaleSessions(this.deps.runtimeRoot, live, this.deps.warn);
  }

  private async fail(sessionId: string, failure: Failure): Promise<void> {
    await this.finish(sessionId, null, failure);
  }

  private async signal(containerId: string, force: boolean): Promise<void> {
    const container = this.deps.docker.getContainer(containerId);
    // Already stopped or gone: the die/destroy event (or the finish in progress) records the end.
    await (force ? container.kill({ signal: 'SIGKILL' }) : container.stop({ t: this.deps.stopGraceSeconds })).catch(() => undefined);
  }

  private require(sessionId: string): RunnerSession {
    const session = this.deps.store.get(sessionId);
    if (!session) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
    return session;
  }

  private liveOf(sessionId: string): Live {
    let live = this.live.get(sessionId);
    if (!live) {
      live = { followed: false, stopRequested: false, force: false, lastActivityWrite: 0 };
      this.live.set(sessionId, live);
    }
    return live;
  }

  private announce(session: RunnerSession): RunnerSession {
    this.deps.emit('session.changed', session);
    return session;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The nested display's number, socket and size replace the user's display in the record (isolated). */
function nestedDisplayRecord(prepared: PreparedContainer): Partial<RunnerSession['displayInfo']> {
  const nested = prepared.nestedDisplay;
  return nested ? { displayId: nested.displayId, socketPath: nested.socketPath, resolution: nested.resolution } : {};
}
