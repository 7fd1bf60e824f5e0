// How a session ended, from what is known when its container is gone: a failure the app met (or a
// container that never started) ends it `failed`; otherwise the exit status decides (exit-outcome.ts),
// and an engine that went away meanwhile is named as the cause. Pure: the manager writes the result.
import type Docker from 'dockerode';
import type { FailureKind, RunnerSession } from '../../shared/model/entities';
import type { SessionPatch } from '../session-store/session-store';
import { engineStoppedReason } from './engine-outage';
import { outcomeOf } from './exit-outcome';

/** Why a launch failed before its game started: in the player's words, and as a kind for advice. */
export interface Failure {
  reason: string;
  kind: FailureKind;
}

export interface EndFacts {
  status: RunnerSession['status'];
  /** The container's last inspect; undefined when it is gone. */
  info?: Docker.ContainerInspectInfo;
  failure?: Failure;
  stopRequested: boolean;
  memoryLimit?: string;
  /** The engine was found not answering while the session was live. */
  engineLost: boolean;
  /** The entrypoint's own last word in the log, when its exit code says it has one. */
  runnerError?: string;
  endTime: string;
}

export interface SessionEnd {
  status: 'terminated' | 'crashed' | 'failed';
  patch: SessionPatch;
}

export function sessionEnd(facts: EndFacts): SessionEnd {
  const { info, failure, endTime } = facts;
  if (failure || facts.status === 'requested' || (info !== undefined && neverStarted(info))) {
    const { reason, kind } = failure ?? (facts.stopRequested
      ? { reason: 'Stopped before the game started.', kind: 'stopped-before-start' as const }
      : { reason: 'The container never started.', kind: 'prepare' as const });
    return { status: 'failed', patch: { statusReason: reason, failureKind: kind, endTime } };
  }
  const end = info ? { exitCode: info.State.ExitCode, oomKilled: info.State.OOMKilled, error: info.State.Error || facts.runnerError } : { exitCode: null, oomKilled: false };
  const outcome = outcomeOf(end, facts.stopRequested, facts.memoryLimit);
  // The engine went away while the game ran (and stopped it): say so, with the exit status it reported since.
  const engineStopped = facts.engineLost && info !== undefined && !facts.stopRequested;
  const statusReason = engineStopped ? engineStoppedReason(info.State.ExitCode) : outcome.statusReason;
  const failureKind = engineStopped && outcome.failureKind ? 'engine-unreachable' : outcome.failureKind;
  return {
    status: outcome.status,
    patch: { endTime, statusReason, ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}), ...(failureKind ? { failureKind } : {}) },
  };
}

/** Docker never started the container (its StartedAt is the zero time). */
export function neverStarted(info: Docker.ContainerInspectInfo): boolean {
  return !info.State.StartedAt || info.State.StartedAt.startsWith('0001');
}
