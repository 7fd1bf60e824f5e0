// What the Play progress view shows for a session: its launch steps (requested → image → container
// → [Wine prefix] → running), how far an image build is, and, when the launch failed, what to do about it.
import type { FailureKind, RunnerSession } from '../../../shared/model/entities';
import { isTerminal } from '../../../shared/model/session-states';
import { formatDuration } from '../graphs/format';
import type { BuildProgress } from '../sessions/sessions-store';

export type StepState = 'done' | 'active' | 'pending' | 'failed';

export interface PlayStep {
  id: 'requested' | 'image' | 'container' | 'prefix' | 'running';
  label: string;
  state: StepState;
}

const ORDER = ['requested', 'image', 'container', 'running'] as const;
const LABELS: Record<PlayStep['id'], string> = {
  requested: 'Requested',
  image: 'Runner image ready',
  container: 'Container starting',
  prefix: 'Preparing the Wine prefix… (first start only)',
  running: 'Game running',
};

type PhaseOf = Pick<RunnerSession, 'status' | 'phase' | 'phaseSince'>;

/** Is the session in a launch phase now (its container runs, its game does not show yet)? */
function inPhase(session: Pick<RunnerSession, 'status' | 'phase'>): boolean {
  return session.phase !== undefined && !isTerminal(session.status);
}

/** Which step a status has reached (the index of the active one). */
function reached(session: Pick<RunnerSession, 'status' | 'processId' | 'exitCode'>, build: BuildProgress | undefined): number {
  switch (session.status) {
    case 'requested':
      return 1; // waiting for (or building) the image
    case 'starting':
      return 2;
    case 'running':
    case 'stopping':
    case 'terminated':
      return 4; // all done
    case 'crashed':
      // A crash before the game ever ran (no process id) failed at the container step.
      return session.processId === undefined ? 2 : 4;
    case 'failed':
      return build && build.totalSteps > 0 && build.step < build.totalSteps ? 1 : session.processId === undefined ? 1 : 2;
  }
}

export function playSteps(session: Pick<RunnerSession, 'status' | 'processId' | 'exitCode' | 'phase'>, build?: BuildProgress): PlayStep[] {
  if (inPhase(session)) {
    // The container runs; Wine makes the prefix before the game starts.
    return (['requested', 'image', 'container', 'prefix', 'running'] as const).map((id, index) => ({
      id,
      label: LABELS[id],
      state: index < 3 ? 'done' : index === 3 ? 'active' : 'pending',
    }));
  }
  const at = reached(session, build);
  const failed = session.status === 'failed' || (session.status === 'crashed' && at < 4);
  return ORDER.map((id, index) => ({
    id,
    label: LABELS[id],
    state: index < at ? 'done' : index === at ? (failed ? 'failed' : 'active') : 'pending',
  }));
}

/** The build's progress as a fraction (0..1), or undefined while its size is unknown. */
export function buildFraction(build: BuildProgress | undefined): number | undefined {
  if (!build || build.totalSteps <= 0) return undefined;
  return Math.min(1, Math.max(0, build.step / build.totalSteps));
}

/**
 * Whether the progress view belongs on the session page: while launching (a Wine prefix being made
 * included), and after a failed launch.
 */
export function showsProgress(session: Pick<RunnerSession, 'status' | 'processId' | 'phase'>): boolean {
  return (
    inPhase(session) ||
    session.status === 'requested' || session.status === 'starting' || session.status === 'failed' || (session.status === 'crashed' && session.processId === undefined)
  );
}

/** What a session in a launch phase is busy with, and for how long (`now` in ms); undefined when in none. */
export function phaseLine(session: PhaseOf, now: number): { what: string; elapsed?: string } | undefined {
  if (!inPhase(session)) return undefined;
  const what = 'Preparing the Wine prefix (first start only)';
  const since = session.phaseSince ? Date.parse(session.phaseSince) : Number.NaN;
  return Number.isNaN(since) ? { what } : { what, elapsed: `${formatDuration(Math.max(0, (now - since) / 1000))} so far` };
}

const RETRY = 'press Play again';
const GENERIC = `Look at the log below, change the game's launch settings if needed, and ${RETRY}.`;

/** What a person can do about each kind of failure the core records (never read from its English reason). */
const ADVICE: Record<FailureKind, string> = {
  'out-of-memory': `Raise the memory limit in the game's launch settings (or close what else uses memory), then ${RETRY}.`,
  'engine-unreachable': `Start the Docker engine (for example \`sudo systemctl start docker\`), then ${RETRY}.`,
  'display-unavailable': `Check that your desktop session (X11 or Wayland) is running and reachable from where the app started, then ${RETRY}.`,
  'image-build': `The runner image could not be prepared: check free disk space and the build output, then ${RETRY}.`,
  'not-startable': "Wine cannot start this program (the reason is above): check the game's Windows executable in its library entry.",
  'runner-image': `The game's own runner image (its launch settings) is not on this machine, or is not a Dillinger runner: build or load it (docker build, docker load) from an image based on dillinger-runner:local, or clear the game's runner image to use the built-in one, then ${RETRY}.`,
  'exit-code': 'The game quit with an error: its log below usually says why.',
  interrupted: `The app was closed during the launch: ${RETRY}.`,
  'container-gone': `The game's container was removed outside the app: ${RETRY}.`,
  'stopped-before-start': `The game was stopped before it started: ${RETRY} when you want to play.`,
  prepare: GENERIC,
};

/** What a person can do about a failed or crashed session, from the kind of failure the core recorded. */
export function adviceFor(session: Pick<RunnerSession, 'status' | 'failureKind'>): string | undefined {
  if (session.status !== 'failed' && session.status !== 'crashed') return undefined;
  return session.failureKind ? ADVICE[session.failureKind] : GENERIC;
}
