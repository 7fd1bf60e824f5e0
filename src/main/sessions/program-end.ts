// How an installer's or tool's session ended, in words about the game's prefix: whatever happened,
// the player must know whether Play still works and what is left. Pure: applied to the session end
// that session-end.ts decided (the status and failureKind stay as decided there).
import type { SessionKind } from '../../shared/model/prefix-program';
import type { SessionEnd } from './session-end';

export interface ProgramEndFacts {
  stopRequested: boolean;
  /** Force stop: SIGKILL at once, so wineserver had no chance to save the registry. */
  force: boolean;
}

export function programEnd(kind: SessionKind | undefined, end: SessionEnd, facts: ProgramEndFacts): SessionEnd {
  if (kind !== 'install' && kind !== 'tool') return end;
  const what = kind === 'install' ? 'The installer' : 'The program';
  const reason = end.patch.statusReason;
  const registry = facts.force
    ? " Settings it wrote in the last seconds before the forced stop may be lost (Wine saves the registry every 30 seconds and when it exits)."
    : '';
  let words: string;
  if (end.status === 'failed' && end.patch.exitCode === undefined) {
    // It never ran: nothing was changed.
    words = `${reason ?? `${what} did not start.`} The game's prefix was not changed.`;
  } else if (facts.stopRequested) {
    words = `${what} was stopped before it finished; the game's prefix is still usable, and files it had copied remain.${registry}${kind === 'install' ? ' Run the installer again to complete it.' : ''}`;
  } else if (end.status === 'terminated' && end.patch.exitCode === 0) {
    words = kind === 'install' ? 'The installer finished: choose the program Play starts from the programs it created.' : 'The program finished; its changes are saved in the game\'s prefix.';
  } else {
    words = `${reason ?? `${what} ended with an error.`} ${what} did not finish; the game's prefix is still usable, and files it had copied remain: run it again, or pick another file.${registry}`;
  }
  return { ...end, patch: { ...end.patch, statusReason: words } };
}
