// The contract's sessions.* methods: the records, a launch of an explicit request (the settings
// form's), Play (the game's saved settings, as the account the app runs as), stop and output.
import type { GameSettings } from '../../shared/contract/contract';
import { ContractError } from '../../shared/contract/envelope';
import type { SessionStore } from '../session-store/session-store';
import type { Handlers } from '../transport/dispatcher';
import { playRequest } from './play-request';
import type { SessionManager } from './session-manager';

export interface SessionHandlerDeps {
  sessions: Pick<SessionManager, 'launch' | 'stop' | 'logs'>;
  store: Pick<SessionStore, 'list' | 'get'>;
  /** A game's saved settings, or this machine's defaults (what games.settings.get answers). */
  gameSettings(gameId: string): Promise<GameSettings>;
  /** Who plays: the account the app runs as. */
  userId: string;
}

type SessionMethods = 'sessions.list' | 'sessions.get' | 'sessions.launch' | 'sessions.play' | 'sessions.stop' | 'sessions.logs';

export function sessionHandlers({ sessions, store, gameSettings, userId }: SessionHandlerDeps): Pick<Handlers, SessionMethods> {
  return {
    'sessions.list': (filter) => store.list(filter),
    'sessions.get': ({ sessionId }) => {
      const session = store.get(sessionId);
      if (!session) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      return session;
    },
    'sessions.launch': ({ request }) => sessions.launch(request),
    'sessions.play': async ({ gameId, platform }) => sessions.launch(playRequest(await gameSettings(gameId), userId, platform)),
    'sessions.stop': ({ sessionId, force }) => sessions.stop(sessionId, force),
    'sessions.logs': ({ sessionId, maxBytes }) => sessions.logs(sessionId, maxBytes),
  };
}
