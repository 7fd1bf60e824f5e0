// What a session ran, in words for Sessions and History: nothing for Play (the usual case), else
// the installer or tool it ran in the game's Wine prefix.
import type { RunnerSession } from '../../../shared/model/entities';

export function sessionKindLabel(session: Pick<RunnerSession, 'kind'>): string | undefined {
  if (session.kind === 'install') return 'Installer';
  if (session.kind === 'tool') return 'Tool';
  return undefined;
}
