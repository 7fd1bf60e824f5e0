// Play from anywhere: asks the core to play the game (sessions.play, through the sessions store: the
// core picks its saved settings) and opens the session's page; a refusal (with the core's problems)
// stays on screen.
import { useCallback, useState } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import { messageOf } from '../../../shared/errors';
import { problemsOf } from '../shell/errors';
import { navigate } from '../shell/route';
import { playGame, type Platform } from './launch-game';

export interface PlayFailure {
  message: string;
  problems: Array<{ path: string; message: string }>;
}

export function usePlay(client: DillingerClient) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<PlayFailure>();
  const play = useCallback(
    async (gameId: string, platform?: Platform) => {
      setPending(true);
      setFailure(undefined);
      try {
        const session = await playGame(client, gameId, platform);
        navigate({ name: 'session', sessionId: session.sessionId });
      } catch (error) {
        setFailure({ message: messageOf(error), problems: problemsOf(error) });
      } finally {
        setPending(false);
      }
    },
    [client],
  );
  return { play, pending, failure, dismiss: () => setFailure(undefined) };
}
