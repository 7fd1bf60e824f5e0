// The Settings screen as plain data: text fields for the app's settings, the change to send
// (settings.save takes only what changed), and the problems the form sees before asking.
import type { AppSettings } from '../../../shared/contract/contract';
import type { Problem } from '../../../shared/validation/problems';

export interface SettingsForm {
  libraryDir: string;
  allowedHostDirectories: string[];
  maxConcurrentSessions: string;
  dockerEndpoint: string;
  metricsRetentionDays: string;
  runnerImage: string;
  savesKeepLast: string;
  savesKeepDays: string;
}

export type SettingsChange = Partial<Omit<AppSettings, 'dataDir'>>;

export function settingsFormFrom(settings: AppSettings): SettingsForm {
  return {
    libraryDir: settings.libraryDir,
    allowedHostDirectories: [...settings.allowedHostDirectories],
    maxConcurrentSessions: String(settings.maxConcurrentSessions),
    dockerEndpoint: settings.dockerEndpoint,
    metricsRetentionDays: String(settings.metricsRetentionDays),
    runnerImage: settings.runnerImage,
    savesKeepLast: String(settings.savesKeepLast),
    savesKeepDays: String(settings.savesKeepDays),
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

export function settingsFormProblems(form: SettingsForm): Problem[] {
  const problems: Problem[] = [];
  if (!form.libraryDir.trim().startsWith('/')) problems.push({ path: 'libraryDir', message: 'Give an absolute folder path, such as /home/you/Games.' });
  form.allowedHostDirectories.forEach((dir, index) => {
    if (dir.trim() !== '' && !dir.trim().startsWith('/')) {
      problems.push({ path: `allowedHostDirectories.${index}`, message: 'Give an absolute folder path, such as /home/you/Games.' });
    }
  });
  const max = wholeNumber(form.maxConcurrentSessions);
  if (max === undefined || max < 1) problems.push({ path: 'maxConcurrentSessions', message: 'Give a whole number of games, 1 or more.' });
  const days = wholeNumber(form.metricsRetentionDays);
  if (days === undefined || days < 1) problems.push({ path: 'metricsRetentionDays', message: 'Give a whole number of days, 1 or more.' });
  // The same bounds as the core's (app-data/settings.ts), said before asking it.
  const keepLast = wholeNumber(form.savesKeepLast);
  if (keepLast === undefined || keepLast < 1 || keepLast > 1000) {
    problems.push({ path: 'savesKeepLast', message: 'Give a whole number of snapshots from 1 to 1000: the newest one is always kept.' });
  }
  const keepDays = wholeNumber(form.savesKeepDays);
  if (keepDays === undefined || keepDays > 3650) {
    problems.push({ path: 'savesKeepDays', message: 'Give a whole number of days from 0 to 3650 (0 keeps only the last snapshots).' });
  }
  if (form.dockerEndpoint.trim() === '') problems.push({ path: 'dockerEndpoint', message: 'Give a socket path such as /var/run/docker.sock, or tcp://host:2375.' });
  return problems;
}

/** Only what differs from the saved settings, in the types settings.save takes. */
export function settingsChange(saved: AppSettings, form: SettingsForm): SettingsChange {
  const change: SettingsChange = {};
  const libraryDir = form.libraryDir.trim();
  if (libraryDir !== saved.libraryDir) change.libraryDir = libraryDir;
  const dirs = form.allowedHostDirectories.map((d) => d.trim()).filter(Boolean);
  if (JSON.stringify(dirs) !== JSON.stringify(saved.allowedHostDirectories)) change.allowedHostDirectories = dirs;
  const max = wholeNumber(form.maxConcurrentSessions);
  if (max !== undefined && max !== saved.maxConcurrentSessions) change.maxConcurrentSessions = max;
  const days = wholeNumber(form.metricsRetentionDays);
  if (days !== undefined && days !== saved.metricsRetentionDays) change.metricsRetentionDays = days;
  const endpoint = form.dockerEndpoint.trim();
  if (endpoint !== saved.dockerEndpoint) change.dockerEndpoint = endpoint;
  const image = form.runnerImage.trim();
  if (image !== saved.runnerImage) change.runnerImage = image;
  const keepLast = wholeNumber(form.savesKeepLast);
  if (keepLast !== undefined && keepLast !== saved.savesKeepLast) change.savesKeepLast = keepLast;
  const keepDays = wholeNumber(form.savesKeepDays);
  if (keepDays !== undefined && keepDays !== saved.savesKeepDays) change.savesKeepDays = keepDays;
  return change;
}

/** Field names as people read them, for "restart to apply: …". */
export const SETTING_LABELS: Record<string, string> = {
  libraryDir: 'Library folder',
  dataDir: 'Data folder',
  allowedHostDirectories: 'Allowed host folders',
  maxConcurrentSessions: 'Maximum concurrent sessions',
  dockerEndpoint: 'Docker endpoint',
  metricsRetentionDays: 'Metrics retention (days)',
  runnerImage: 'Runner image',
  savesKeepLast: 'Snapshots kept',
  savesKeepDays: 'Days with a daily snapshot kept',
};
