// The launch of a session as it happens: the steps from requested to running (a new Wine prefix
// being made among them, with its time so far), a real progress bar while the runner image builds
// (image.progress), and on failure Docker's message with what to do.
import type { RunnerSession } from '../../../shared/model/entities';
import { ANY_SESSION, useSessionsStore } from '../sessions/sessions-store';
import { PhaseElapsed } from './LaunchPhaseNote';
import { adviceFor, buildFraction, playSteps } from './play-steps';
import './play.css';

const STEP_MARK = { done: '✓', active: '…', pending: '', failed: '✕' } as const;
const STEP_STATE = { done: 'done', active: 'in progress', pending: 'waiting', failed: 'failed' } as const;

export function PlayProgress({ session, title }: { session: RunnerSession; title: string }) {
  const build = useSessionsStore((state) => state.builds[session.sessionId] ?? (session.status === 'requested' ? state.builds[ANY_SESSION] : undefined));
  const steps = playSteps(session, build);
  const fraction = buildFraction(build);
  const building = session.status === 'requested' && build !== undefined;
  const advice = adviceFor(session);
  const failed = session.status === 'failed' || session.status === 'crashed';

  return (
    <section className="play-progress" aria-labelledby={`play-progress-${session.sessionId}`}>
      <h2 id={`play-progress-${session.sessionId}`}>{failed ? `${title} did not start` : `Starting ${title}`}</h2>
      <ol className="play-steps">
        {steps.map((step) => (
          <li key={step.id} className={`play-step play-step-${step.state}`} aria-current={step.state === 'active' ? 'step' : undefined}>
            <span className="play-step-mark" aria-hidden="true">{STEP_MARK[step.state]}</span>
            <span className="play-step-label">{step.label}</span>
            {step.id === 'prefix' && <PhaseElapsed session={session} />}
            <span className="visually-hidden"> ({STEP_STATE[step.state]})</span>
          </li>
        ))}
      </ol>
      {steps.some((step) => step.id === 'prefix' && step.state === 'active') && (
        <p className="play-phase-explained">
          Wine is making this game&apos;s prefix, its own Windows folder, which takes a few seconds on the first start only; a small Wine
          window may show meanwhile. The game starts when it is done.
        </p>
      )}
      {building && (
        <div className="play-build">
          <div className="play-build-head">
            <span id={`build-label-${session.sessionId}`}>Building {build.image}</span>
            <span className="play-build-count">{build.totalSteps > 0 ? `step ${build.step} of ${build.totalSteps}` : 'preparing…'}</span>
          </div>
          <div
            className="play-bar"
            role="progressbar"
            aria-labelledby={`build-label-${session.sessionId}`}
            aria-valuemin={0}
            aria-valuemax={build.totalSteps || undefined}
            aria-valuenow={build.totalSteps > 0 ? build.step : undefined}
            aria-valuetext={build.totalSteps > 0 ? `step ${build.step} of ${build.totalSteps}` : 'preparing'}
          >
            <div className={`play-bar-fill${fraction === undefined ? ' play-bar-indeterminate' : ''}`} style={{ width: `${Math.round((fraction ?? 0.3) * 100)}%` }} />
          </div>
          {build.lines.length > 0 && <pre className="play-build-line" role="log" aria-live="off" aria-label="Build output">{build.lines.slice(-3).join('\n')}</pre>}
        </div>
      )}
      {failed && (
        <div className="play-failure" role="alert">
          {session.exitCode !== undefined && <p className="play-failure-exit">Exit code {session.exitCode}</p>}
          <p className="play-failure-reason">{session.statusReason ?? 'The launch failed without a message from Docker.'}</p>
          {advice && <p className="play-failure-advice">{advice}</p>}
        </div>
      )}
    </section>
  );
}
