// Keeps one long-running program (nvidia-smi in a -lms loop, nvidia-smi pmon) alive and hands its
// stdout to a callback line by line. Restarts it with backoff when it exits; gives up, saying why
// once, when the program does not exist or keeps exiting without printing anything useful.
// Never blocks: child_process.spawn only, no execSync on a hot path.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface Backoff {
  /** Wait before the first restart; doubles after each unproductive run. */
  initialMs: number;
  maxMs: number;
}

export interface LineProcessOptions {
  command: string;
  args: readonly string[];
  /** Return true when the line carried data: the run then counts as productive (resets the backoff). */
  onLine(line: string): boolean | void;
  /** After every exit (the caller drops what it holds from that run). */
  onExit?(): void;
  /** Called at most once, when the supervisor stops trying for good. */
  onUnavailable?(reason: string): void;
  spawn?: SpawnFn;
  backoff?: Backoff;
  /** Consecutive runs that exit without one productive line before giving up. */
  maxFailedStarts?: number;
  /** How long a stopped child gets after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

export interface LineProcess {
  /** Why it stopped trying for good, or undefined while it runs or retries. */
  unavailable(): string | undefined;
  /** Stops restarting, kills the child (SIGTERM, then SIGKILL) and resolves once it has gone. */
  dispose(): Promise<void>;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };

export function superviseLineProcess(options: LineProcessOptions): LineProcess {
  const spawn = options.spawn ?? (nodeSpawn as SpawnFn);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxFailedStarts = options.maxFailedStarts ?? 5;
  let delayMs = backoff.initialMs;
  let failedStarts = 0;
  let stopped = false;
  let unavailableReason: string | undefined;
  let child: ChildProcess | undefined;
  let childGone: Promise<void> = Promise.resolve();
  let restartTimer: NodeJS.Timeout | undefined;

  const giveUp = (reason: string): void => {
    if (unavailableReason !== undefined) return;
    unavailableReason = reason;
    stopped = true;
    options.onUnavailable?.(reason);
  };

  const start = (): void => {
    restartTimer = undefined;
    if (stopped) return;
    let productive = false;
    let lastError = '';
    // Own process group, so that stopping it also stops anything it started (a wrapper script's sleep).
    let proc: ChildProcess;
    try {
      proc = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      giveUp(`${options.command} cannot be run (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    child = proc;
    childGone = new Promise((resolve) => {
      let settled = false;
      const settle = (spawnError?: NodeJS.ErrnoException): void => {
        if (settled) return;
        settled = true;
        if (child === proc) child = undefined;
        resolve();
        options.onExit?.();
        if (spawnError && (spawnError.code === 'ENOENT' || spawnError.code === 'EACCES')) {
          giveUp(`${options.command} cannot be run (${spawnError.code})`);
          return;
        }
        if (stopped) return;
        if (productive) {
          failedStarts = 0;
          delayMs = backoff.initialMs;
        } else if (++failedStarts >= maxFailedStarts) {
          giveUp(`${options.command} exited ${failedStarts} times without output${lastError ? `: ${lastError}` : ''}`);
          return;
        }
        restartTimer = setTimeout(start, delayMs);
        restartTimer.unref();
        delayMs = Math.min(delayMs * 2, backoff.maxMs);
      };
      // 'error' also reports a failed kill of a running child: only a failed spawn (no pid) ends the run.
      proc.on('error', (error: NodeJS.ErrnoException) => {
        if (proc.pid === undefined) settle(error);
      });
      proc.once('close', () => settle());
    });
    if (proc.stdout) {
      createInterface({ input: proc.stdout, crlfDelay: Infinity }).on('line', (line) => {
        if (options.onLine(line) === true) productive = true;
      });
    }
    proc.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8').trim();
      if (text) lastError = text.split('\n').pop()?.trim().slice(0, 300) ?? lastError;
    });
  };

  start();

  return {
    unavailable: () => unavailableReason,
    dispose: async () => {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = undefined;
      const proc = child;
      if (proc) {
        signalGroup(proc, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(proc, 'SIGKILL'), options.killGraceMs ?? 2000);
        killer.unref();
        await childGone;
        clearTimeout(killer);
      }
      await childGone;
    },
  };
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (proc.pid !== undefined) process.kill(-proc.pid, signal);
  } catch {
    proc.kill(signal); // the group is gone already, or never formed: signal the child itself
  }
}
