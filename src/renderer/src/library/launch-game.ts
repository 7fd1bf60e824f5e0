// Play: the core decides what a game is played with (its saved settings, or this machine's defaults,
// as the account the app runs as), so the button sends only the game and, when the user chose one,
// the platform (sessions.play). The settings form sends its own request instead (sessions.launch).
import type { DillingerClient } from '../../../shared/contract/client';
import type { LaunchRequestDraft } from '../../../shared/contract/contract';
import type { LaunchConfiguration, RunnerSession } from '../../../shared/model/entities';
import { useSessionsStore } from '../sessions/sessions-store';

export type Platform = 'linux' | 'windows';

/** The settings form's request, played by userId (sessionId and timestamp left to the core). */
export function launchRequest(gameId: string, userId: string, platform: Platform, launchConfig: LaunchConfiguration): LaunchRequestDraft {
  return { gameId, userId, platform, launchConfig };
}

export function playGame(client: DillingerClient, gameId: string, platform?: Platform): Promise<RunnerSession> {
  return useSessionsStore.getState().play(client, gameId, platform);
}
