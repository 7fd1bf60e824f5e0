// The launch step a running session is in, where its status alone would say "running" with nothing
// on screen yet: "Preparing the Wine prefix (first start only), 7 s so far". For the session card.
import type { RunnerSession } from '../../../shared/model/entities';
import { useSecondTick } from '../sessions/hooks';
import { phaseLine } from './play-steps';
import './play.css';

export function LaunchPhaseNote({ session }: { session: Pick<RunnerSession, 'status' | 'phase' | 'phaseSince'> }) {
  const now = useSecondTick();
  const line = phaseLine(session, now);
  if (!line) return null;
  return (
    <p className="launch-phase-note">
      {/* Announced once as it begins; the clock beside it is read on demand, not every second. */}
      <span role="status">{line.what}</span>
      {line.elapsed && <span className="launch-phase-elapsed">, {line.elapsed}</span>}
    </p>
  );
}

/** The elapsed time of the phase, for the Play progress step. */
export function PhaseElapsed({ session }: { session: Pick<RunnerSession, 'status' | 'phase' | 'phaseSince'> }) {
  const now = useSecondTick();
  const elapsed = phaseLine(session, now)?.elapsed;
  return elapsed ? <span className="play-step-elapsed">{elapsed}</span> : null;
}
