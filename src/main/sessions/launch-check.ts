// The one check of a launch request in the core, for launch.preview, launch.validate, a game's
// settings save and the launch itself: the library is read again first (a game added a moment ago is
// known), sessionId and timestamp are filled in, and the request is judged against this machine.
// Callers only format the verdict.
import { randomUUID } from 'node:crypto';
import type { LaunchRequestDraft } from '../../shared/contract/contract';
import type { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame, LibrarySnapshot } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { pathsToProbe, validateLaunchRequest } from '../../shared/validation/launch-request';
import type { Problem } from '../../shared/validation/problems';

export interface LaunchCheckDeps {
  /** Reads the library folder again now (and announces a change). */
  reloadLibrary(): LibrarySnapshot;
  hostFacts(paths: readonly string[]): Promise<HostFacts>;
}

export type LaunchVerdict =
  | { ok: true; request: GameLaunchRequest; game: LibraryGame; facts: HostFacts }
  /** `conflict` when the only problem is a session id already used; `message` sums the problems up. */
  | { ok: false; code: 'invalid_payload' | 'conflict'; message: string; problems: Problem[] };

export type CheckLaunch = (draft: LaunchRequestDraft) => Promise<LaunchVerdict>;

/** What a launch whose session id is taken is told (also when two launches send the same id at once). */
export function sessionIdTaken(sessionId: string): string {
  return `Session id ${sessionId} is already used by another launch: send a new id, or leave sessionId out and the app picks one.`;
}

export function launchCheck(deps: LaunchCheckDeps): CheckLaunch {
  return async (draft) => {
    const input = { sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(), ...draft };
    const library = deps.reloadLibrary();
    const facts = await deps.hostFacts(pathsToProbe(input));
    const verdict = validateLaunchRequest(input, facts);
    if (!verdict.ok) return refused(verdict.problems, facts.sessionIds.includes(input.sessionId) ? input.sessionId : undefined);
    const game = library.games.find((g) => g.id === verdict.value.gameId);
    if (!game) return refused([{ path: 'gameId', message: `There is no game ${verdict.value.gameId} in the library: refresh it.` }]);
    return { ok: true, request: verdict.value, game, facts };
  };
}

/**
 * The check launch.validate and launch.preview use: also refuses a game's own runner image the
 * engine does not have or that is no Dillinger runner (`judge` says why, or undefined when usable).
 * A launch itself goes ahead and its session fails with failureKind runner-image, with a record.
 */
export function checkingRunnerImage(check: CheckLaunch, judge: (image: string) => Promise<string | undefined>): CheckLaunch {
  return async (draft) => {
    const verdict = await check(draft);
    const image = verdict.ok ? verdict.request.launchConfig.runnerImage : undefined;
    const problem = image === undefined ? undefined : await judge(image);
    return verdict.ok && problem ? refused([{ path: 'launchConfig.runnerImage', message: problem }]) : verdict;
  };
}

/** `takenId`: the request's session id, when another session already has it. */
function refused(problems: Problem[], takenId?: string): LaunchVerdict {
  if (takenId !== undefined && problems.length === 1 && problems[0]?.path === 'sessionId') {
    return { ok: false, code: 'conflict', message: sessionIdTaken(takenId), problems };
  }
  const first = problems[0];
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return { ok: false, code: 'invalid_payload', message: `The launch settings have ${count}${first ? `, first ${first.path}: ${first.message}` : ''}`, problems };
}
