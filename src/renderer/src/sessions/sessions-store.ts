// The sessions as the screens show them: one map of every session the core told us about (running
// ones and history alike), kept current by session.changed; the image builds' progress per session
// (image.progress); and each session's live samples (session.metrics → liveSamples, outside React
// state). Play, launch and stop go through the contract; the answers land in the same map.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { ImageProgress, LaunchRequestDraft } from '../../../shared/contract/contract';
import type { RunnerSession } from '../../../shared/model/entities';
import { messageOf } from '../../../shared/errors';
import { liveSamples as defaultLiveSamples, type LiveSamples } from './live-samples';

/** Build output lines kept per session for the Play progress view. */
export const MAX_PROGRESS_LINES = 40;
/** How many sessions (newest first) the list asks for. */
export const SESSIONS_LIMIT = 1000;
/** Progress of a build that no launch asked for (the app's own start-up build). */
export const ANY_SESSION = '*';

export interface BuildProgress {
  image: string;
  step: number;
  totalSteps: number;
  lines: string[];
}

export type LoadState = { state: 'idle' | 'loading' | 'ready' } | { state: 'error'; message: string };

export interface SessionsState {
  sessions: Record<string, RunnerSession>;
  load: LoadState;
  /** By session id (ANY_SESSION for builds without one). */
  builds: Record<string, BuildProgress>;
  /** The client of the last connect(), for screens that call the contract. */
  client: DillingerClient | undefined;
  /**
   * Loads every session and follows their events; returns the function that stops following. Call it
   * as often as you like with the same client: it follows once, until the last caller lets go.
   */
  connect(client: DillingerClient): () => void;
  /** sessions.launch: answers the session (status requested, or the game's running session). */
  launch(client: DillingerClient, request: LaunchRequestDraft): Promise<RunnerSession>;
  /** sessions.play: the core launches the game with its saved settings; answers as launch does. */
  play(client: DillingerClient, gameId: string, platform?: 'linux' | 'windows'): Promise<RunnerSession>;
  /** sessions.stop, with force for SIGKILL at once. */
  stop(client: DillingerClient, sessionId: string, force?: boolean): Promise<RunnerSession>;
  /** sessions.get: one session, e.g. a page opened by its address. */
  fetch(client: DillingerClient, sessionId: string): Promise<RunnerSession>;
  /** Takes a session in unless an equally new or newer copy is already there. */
  upsert(session: RunnerSession): void;
}

/** Status order, so a late answer never moves a session back (running → starting). */
const RANK: Record<RunnerSession['status'], number> = { requested: 0, starting: 1, running: 2, stopping: 3, terminated: 4, crashed: 4, failed: 4 };

/** Whether `next` should replace `current`: a later state, or the same state with newer facts. */
export function isNewer(current: RunnerSession | undefined, next: RunnerSession): boolean {
  if (!current) return true;
  if (RANK[next.status] !== RANK[current.status]) return RANK[next.status] > RANK[current.status];
  const activity = (s: RunnerSession) => s.endTime ?? s.lastActivity ?? s.startTime;
  return activity(next) >= activity(current);
}

export function applyProgress(builds: Record<string, BuildProgress>, event: ImageProgress): Record<string, BuildProgress> {
  const key = event.sessionId ?? ANY_SESSION;
  const previous = builds[key];
  const lines = previous && previous.image === event.image ? previous.lines.slice(-(MAX_PROGRESS_LINES - 1)) : [];
  if (event.line) lines.push(event.line);
  return { ...builds, [key]: { image: event.image, step: event.step, totalSteps: event.totalSteps, lines } };
}

export function createSessionsStore(live: LiveSamples = defaultLiveSamples) {
  let active: { client: DillingerClient; refs: number; dispose: () => void } | undefined;
  return create<SessionsState>()((set, get) => {
    const follow = (client: DillingerClient) => {
      let connected = true;
      set({ client, load: { state: 'loading' } });
      const unsubscribe = [
        client.on('session.changed', (session) => connected && get().upsert(session)),
        client.on('image.progress', (event) => connected && set((state) => ({ builds: applyProgress(state.builds, event) }))),
        client.on('session.metrics', (event) => connected && live.push(event.sessionId, event.sample)),
      ];
      client.invoke('sessions.list', { limit: SESSIONS_LIMIT }).then(
        (sessions) => {
          if (!connected) return;
          for (const session of sessions) get().upsert(session);
          set({ load: { state: 'ready' } });
        },
        (error: unknown) => connected && set({ load: { state: 'error', message: messageOf(error) } }),
      );
      return () => {
        connected = false;
        for (const stop of unsubscribe) stop();
        if (get().client === client) set({ client: undefined, load: { state: 'idle' } });
      };
    };
    return {
      sessions: {},
      load: { state: 'idle' },
      builds: {},
      client: undefined,

      connect(client) {
        // One following per client however many screens ask (the shell, a session page opened first):
        // a second subscription would count every build line twice.
        if (active?.client !== client) {
          active?.dispose();
          active = { client, refs: 0, dispose: follow(client) };
        }
        const connection = active;
        connection.refs++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          if (--connection.refs > 0 || active !== connection) return;
          connection.dispose();
          active = undefined;
        };
      },

      async launch(client, request) {
        const session = await client.invoke('sessions.launch', { request });
        get().upsert(session);
        return get().sessions[session.sessionId] ?? session;
      },

      async play(client, gameId, platform) {
        const session = await client.invoke('sessions.play', platform ? { gameId, platform } : { gameId });
        get().upsert(session);
        return get().sessions[session.sessionId] ?? session;
      },

      async stop(client, sessionId, force = false) {
        const session = await client.invoke('sessions.stop', { sessionId, force });
        get().upsert(session);
        return get().sessions[sessionId] ?? session;
      },

      async fetch(client, sessionId) {
        const session = await client.invoke('sessions.get', { sessionId });
        get().upsert(session);
        return get().sessions[sessionId] ?? session;
      },

      upsert(session) {
        if (!isNewer(get().sessions[session.sessionId], session)) return;
        set((state) => ({ sessions: { ...state.sessions, [session.sessionId]: session } }));
      },
    };
  });
}

export const useSessionsStore = createSessionsStore();
