// The contract's settings.* methods: the Settings screen's values (defaults filled in, and which
// saved ones the running app does not use yet) and saving a change. The core reads `current` where a
// setting applies without a restart (allowed folders, the session limit).
import { ContractError } from '../../shared/contract/envelope';
import type { Handlers } from '../transport/dispatcher';
import { RESTART_SETTINGS, SettingsError, defaultAllowedDirectories, saveSettings, type Settings } from './settings';

export interface SettingsHandlerDeps {
  dataDir: string;
  /** The library folder and Docker endpoint this run uses (options may override the saved ones). */
  libraryDir: string;
  endpoint: string;
  /** The settings as saved now; a save replaces `current`. */
  settings: { current: Settings };
}

export function settingsHandlers(deps: SettingsHandlerDeps): Pick<Handlers, 'settings.get' | 'settings.save'> {
  const { dataDir, libraryDir, endpoint, settings } = deps;
  const startedWith = { ...settings.current };
  const effective = () => {
    const now = settings.current;
    const restartNeeded = RESTART_SETTINGS.filter((key) => JSON.stringify(now[key]) !== JSON.stringify(startedWith[key]));
    return {
      libraryDir: now.libraryDir ?? libraryDir,
      dataDir,
      allowedHostDirectories: now.allowedHostDirectories ?? defaultAllowedDirectories(),
      maxConcurrentSessions: now.maxConcurrentSessions,
      dockerEndpoint: now.dockerEndpoint ?? endpoint,
      metricsRetentionDays: now.metricsRetentionDays,
      runnerImage: now.runnerImage ?? '',
      savesKeepLast: now.savesKeepLast,
      savesKeepDays: now.savesKeepDays,
      restartNeeded: [...restartNeeded],
    };
  };
  return {
    'settings.get': () => effective(),
    'settings.save': async (change) => {
      try {
        const saved = await saveSettings(dataDir, settings.current, change, endpoint.startsWith('/') ? [endpoint] : []);
        settings.current = saved.settings;
        const restartNeeded = saved.changed.filter((key) => (RESTART_SETTINGS as readonly string[]).includes(key));
        return { settings: effective(), restartNeeded };
      } catch (error) {
        if (error instanceof SettingsError) throw new ContractError('invalid_payload', error.message, error.problems);
        throw error;
      }
    },
  };
}
