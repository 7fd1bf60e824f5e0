// Play: the game's saved launch settings (games.settings.get) become a GameLaunchRequest for the
// account the app runs as (app.info's userId), which the sessions store sends (sessions.launch); the
// core fills in sessionId and timestamp.
import type { DillingerClient } from '../../../shared/contract/client';
import type { GameSettings } from '../../../shared/contract/contract';
import { defaultWinePrefixVolume } from '../../../shared/library/wine-prefix-volume';
import type { GameLaunchRequestInput, LaunchConfiguration, RunnerSession } from '../../../shared/model/entities';
import { useAppInfoStore } from '../shell/app-info-store';
import { launchSession } from './launch-session';

export type Platform = 'linux' | 'windows';
export type LaunchRequestDraft = Omit<GameLaunchRequestInput, 'sessionId' | 'timestamp'>;

export function launchRequest(gameId: string, userId: string, platform: Platform, launchConfig: LaunchConfiguration): LaunchRequestDraft {
  return { gameId, userId, platform, launchConfig };
}

/**
 * The request for a game's saved settings, on `platform` when the user chose one. Settings saved for
 * Linux have no Wine prefix: played on Windows, the game gets its default prefix volume.
 */
export function launchRequestFromSettings(settings: GameSettings, userId: string, platform?: Platform): LaunchRequestDraft {
  const chosen = platform ?? settings.platform;
  const config = settings.launchConfig;
  const launchConfig = chosen === 'windows' && !config.winePrefix ? { ...config, winePrefix: defaultWinePrefixVolume(settings.gameId) } : config;
  return launchRequest(settings.gameId, userId, chosen, launchConfig);
}

export async function playGame(client: DillingerClient, gameId: string, platform?: Platform): Promise<RunnerSession> {
  const [settings, userId] = await Promise.all([client.invoke('games.settings.get', { gameId }), useAppInfoStore.getState().userId(client)]);
  return launchSession(client, launchRequestFromSettings(settings, userId, platform));
}
