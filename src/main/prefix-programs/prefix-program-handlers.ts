// The contract's installer and tool methods: a setup file or tool run in a game's Wine prefix (a
// session like Play's, of kind install or tool), the programs it created there, and the choice of
// the one Play starts (written to the game's game.json as its Windows executable, C:\...).
import type { GameSettings } from '../../shared/contract/contract';
import { ContractError } from '../../shared/contract/envelope';
import type { LibraryGame, LibrarySnapshot } from '../../shared/library/manifest';
import { prefixPathProblem } from '../../shared/library/prefix-path';
import type { PrefixProgram } from '../../shared/model/prefix-program';
import { isTerminal } from '../../shared/model/session-states';
import type { RunnerSession } from '../../shared/model/entities';
import type { SessionStore } from '../session-store/session-store';
import { readLogTail, LOG_LIMIT_BYTES } from '../sessions/session-log';
import type { SessionManager } from '../sessions/session-manager';
import { playRequest } from '../sessions/play-request';
import type { Handlers } from '../transport/dispatcher';
import { createdPrograms } from './created-programs';

export interface PrefixProgramHandlerDeps {
  sessions: Pick<SessionManager, 'launch'>;
  store: Pick<SessionStore, 'get' | 'layout'>;
  /** A game's saved settings, or this machine's defaults (its prefix is the one Play uses). */
  gameSettings(gameId: string): Promise<GameSettings>;
  userId: string;
  library(): LibrarySnapshot;
  /** library.update: the one way the app edits a game.json. */
  updateGame(change: { gameId: string; platforms: LibraryGame['platforms'] }): Promise<LibraryGame>;
}

type PrefixProgramMethods = 'sessions.install' | 'sessions.runTool' | 'games.prefixPrograms' | 'games.choosePrefixProgram';

export function prefixProgramHandlers(deps: PrefixProgramHandlerDeps): Pick<Handlers, PrefixProgramMethods> {
  const run = async (gameId: string, program: PrefixProgram): Promise<RunnerSession> => {
    const settings = await deps.gameSettings(gameId);
    const session = await deps.sessions.launch({ ...playRequest(settings, deps.userId, 'windows'), program });
    // One session per game at a time: a game already running answers with its own session.
    if (session.kind !== program.kind) {
      throw new ContractError('conflict', `${titleOf(deps, gameId)} is running: stop it first, then run the ${program.kind === 'install' ? 'installer' : 'program'} in its prefix.`);
    }
    return session;
  };

  return {
    'sessions.install': ({ gameId, file, arguments: args }) => run(gameId, { kind: 'install', file, arguments: args }),
    'sessions.runTool': ({ gameId, tool, file, arguments: args }) => run(gameId, { kind: 'tool', tool, file, arguments: args }),
    'games.prefixPrograms': ({ sessionId }) => {
      const session = deps.store.get(sessionId);
      if (!session) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      const log = readLogTail(deps.store.layout.sessionLogFile(sessionId), LOG_LIMIT_BYTES).text;
      return { sessionId, gameId: session.gameId, kind: session.kind, programs: createdPrograms(log), complete: isTerminal(session.status) };
    },
    'games.choosePrefixProgram': async ({ gameId, executable, arguments: args }) => {
      const problem = prefixPathProblem(executable);
      if (problem) {
        throw new ContractError('invalid_payload', `${executable} cannot be the program Play starts: it ${problem}.`, [{ path: 'executable', message: problem }]);
      }
      const game = deps.library().games.find((g) => g.id === gameId);
      if (!game) throw new ContractError('not_found', `There is no game ${gameId} in the library: it may have been removed. Refresh the library.`);
      const windows = { platform: 'windows' as const, executable, arguments: args };
      const platforms = game.platforms.some((p) => p.platform === 'windows')
        ? game.platforms.map((p) => (p.platform === 'windows' ? windows : p))
        : [...game.platforms, windows];
      return deps.updateGame({ gameId, platforms });
    },
  };
}

function titleOf(deps: PrefixProgramHandlerDeps, gameId: string): string {
  return deps.library().games.find((g) => g.id === gameId)?.title ?? gameId;
}
