// The launch steps a session's status does not tell, read from what its container does. Today one:
// a Windows game's first start in a new prefix, where Wine spends seconds making the prefix (its own
// "wait" dialog on the desktop) before the game starts. The session is `running` all along (its
// container is), so the record carries `phase: 'preparing-prefix'` and `phaseSince` meanwhile, and
// drops them once the game is really starting.
//
// Begins: the entrypoint's line `dillinger-entrypoint: note: creating the Wine prefix in … (first run)`.
// Ends, whichever comes first: Wine's own `wine: configuration in … has been updated.` (printed when
// wineboot is done); the entrypoint's `dillinger-entrypoint: note: the Wine prefix is ready` should it
// print one; or the game's program seen among the container's processes (polled while the phase
// lasts, so a Wine that prints nothing, or an app restarted meanwhile, still ends it).
import type Docker from 'dockerode';
import type { LaunchPhase, RunnerSession } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';
import type { SessionStore } from '../session-store/session-store';

export const PREFIX_STARTED = /^dillinger-entrypoint: note: creating the Wine prefix in .+ \(first run\)\s*$/;
export const PREFIX_READY = [/^wine: configuration in .+ has been updated\.?\s*$/, /^dillinger-entrypoint: note: the Wine prefix is ready\b/];

/** How often the container's processes are looked at while a phase lasts. */
export const PHASE_POLL_MS = 1000;

/** A session's phase fields: both set, or both absent (undefined clears them in the record). */
export interface PhaseFields {
  phase: LaunchPhase | undefined;
  phaseSince: string | undefined;
}

/** What an ended session's record carries: no phase. */
export const NO_PHASE: PhaseFields = { phase: undefined, phaseSince: undefined };

/** The phase after one whole line of output, or undefined when the line changes nothing. */
export function phaseAfterLine(current: LaunchPhase | undefined, line: string): LaunchPhase | 'none' | undefined {
  if (PREFIX_STARTED.test(line)) return current === 'preparing-prefix' ? undefined : 'preparing-prefix';
  if (current === 'preparing-prefix' && PREFIX_READY.some((pattern) => pattern.test(line))) return 'none';
  return undefined;
}

/**
 * Is the game's program among these command lines? Wine shows a program it runs by its path and
 * arguments; the entrypoint, which names it too, does not count.
 */
export function gameProcessSeen(commands: readonly string[], executable: string): boolean {
  return commands.some((command) => command.includes(executable) && !command.includes('dillinger-entrypoint'));
}

export interface LaunchPhaseDeps {
  /** The record as it is now (undefined: gone). */
  current(): RunnerSession | undefined;
  /** Writes the fields and announces the session (nothing when it is ending: its end clears them). */
  apply(fields: PhaseFields): Promise<void>;
  /** The command lines of the container's processes, and its game program's path (Cmd[1]). */
  processes(): Promise<{ commands: string[]; executable: string | undefined }>;
  now?: () => Date;
  pollMs?: number;
}

export interface LaunchPhaseWatch {
  /** The container's output, in chunks as they come (lines may be split across chunks). */
  onOutput(text: string): void;
  /** Stops polling; later output changes nothing. */
  dispose(): void;
}

/** Follows one session's phase; starts polling at once when its record already has one (an adopted session). */
export function watchLaunchPhase(deps: LaunchPhaseDeps): LaunchPhaseWatch {
  const now = deps.now ?? (() => new Date());
  let phase: LaunchPhase | undefined = deps.current()?.phase;
  let partial = '';
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  // Writes in order: a quick begin-then-end must not be stored as begun.
  let writing = Promise.resolve();

  const set = (next: LaunchPhase | undefined) => {
    if (disposed || next === phase) return;
    phase = next;
    const fields: PhaseFields = next ? { phase: next, phaseSince: now().toISOString() } : NO_PHASE;
    writing = writing.then(() => deps.apply(fields)).catch(() => undefined);
    if (next) poll();
    else stopPolling();
  };

  const stopPolling = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const poll = () => {
    if (timer || disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void deps.processes().then(
        ({ commands, executable }) => {
          if (phase && executable && gameProcessSeen(commands, executable)) set(undefined);
          else if (phase) poll();
        },
        () => (phase ? poll() : undefined), // the container may be ending: its end clears the phase
      );
    }, deps.pollMs ?? PHASE_POLL_MS);
    timer.unref();
  };

  if (phase) poll();

  return {
    onOutput(text) {
      if (disposed) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      if (partial.length > 4096) partial = ''; // a line that long is no marker
      for (const line of lines) {
        const next = phaseAfterLine(phase, line.replace(/\r$/, ''));
        if (next !== undefined) set(next === 'none' ? undefined : next);
      }
    },
    dispose() {
      disposed = true;
      stopPolling();
    },
  };
}

/**
 * The watch for one session of the session manager: the record in the store, written and announced;
 * the processes from the engine (`docker top`), the program from the container's command.
 */
export function followLaunchPhase(
  deps: { docker: Docker; store: SessionStore; announce(session: RunnerSession): void; ending(): boolean },
  sessionId: string,
  containerId: string,
): LaunchPhaseWatch {
  // Only Wine makes prefixes: a Linux game's output is not even split into lines.
  if (deps.store.get(sessionId)?.platform !== 'windows') return { onOutput: () => undefined, dispose: () => undefined };
  const container = deps.docker.getContainer(containerId);
  let executable: string | undefined;
  return watchLaunchPhase({
    current: () => deps.store.get(sessionId),
    async apply(fields) {
      const session = deps.store.get(sessionId);
      if (!session || isTerminal(session.status) || deps.ending()) return;
      deps.announce(await deps.store.update(sessionId, fields));
    },
    async processes() {
      executable ??= (await container.inspect()).Config.Cmd?.[1];
      const top = (await container.top({ ps_args: '-eo pid,args' })) as { Processes?: string[][] };
      return { commands: (top.Processes ?? []).map((row) => row.slice(1).join(' ')), executable };
    },
  });
}
