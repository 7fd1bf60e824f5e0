// What Play launches (sessions.play): the game's saved settings (or this machine's defaults), on
// the platform the player chose or the saved one, as the account the app runs as. Settings saved for
// Linux have no Wine prefix: played on Windows, the game gets its default prefix volume.
import type { GameSettings, LaunchRequestDraft } from '../../shared/contract/contract';
import { defaultWinePrefixVolume } from '../../shared/library/wine-prefix-volume';

export function playRequest(settings: GameSettings, userId: string, platform?: GameSettings['platform']): LaunchRequestDraft {
  const chosen = platform ?? settings.platform;
  const config = settings.launchConfig;
  const launchConfig = chosen === 'windows' && !config.winePrefix ? { ...config, winePrefix: defaultWinePrefixVolume(settings.gameId) } : config;
  return { gameId: settings.gameId, userId, platform: chosen, launchConfig };
}
