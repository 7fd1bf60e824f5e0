// The user's settings, kept in <dataDir>/settings.json. A file that cannot be read is set aside
// (never deleted) and the defaults are used, with a warning the UI can show.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizeAbsolute } from '../../shared/model/container-paths';
import { writeJsonAtomic } from '../session-store/atomic-file';
import { allowedDirectoryProblem, libraryDirProblem, type FolderContext } from './setting-folders';

export const SETTINGS_FILE = 'settings.json';

/** What retention keeps of each game's saves snapshots unless Settings say otherwise (the issue's
 * "the last 20, plus one a day for 30 days"); saves/retention.ts's DEFAULT_RETENTION is the same. */
export const SAVES_RETENTION_DEFAULTS = { keepLast: 20, keepDays: 30 } as const;

// Shape only: where the folders really lead is judged by settingFolderProblems (setting-folders.ts).
const allowedDirectory = z
  .string()
  .startsWith('/', 'must be an absolute folder path')
  .transform((p) => normalizeAbsolute(p));

export const Settings = z.strictObject({
  /** The library folder; default <dataDir>/library. */
  libraryDir: z.string().startsWith('/', 'must be an absolute folder path').optional(),
  /** Folders under which extra mounts and Wine prefixes may lie; default: your home folder, /media and /mnt. */
  allowedHostDirectories: z.array(allowedDirectory).optional(),
  maxConcurrentSessions: z.number().int().min(1).max(64).default(4),
  /** Docker endpoint: a unix socket path or tcp://host:port; default DOCKER_HOST or /var/run/docker.sock. */
  dockerEndpoint: z.string().min(1).optional(),
  /** Days a finished session's metrics are kept (its record stays in history). */
  metricsRetentionDays: z.number().int().min(1).max(3650).default(90),
  /** Runner image to use instead of building dillinger-runner:local. */
  runnerImage: z.string().min(1).optional(),
  /** Snapshots of a game's saves always kept: the newest N (saves/retention.ts); applies at the next prune. */
  savesKeepLast: z
    .number({ error: 'must be a number of snapshots' })
    .int('must be a whole number of snapshots')
    .min(1, 'keep at least 1 snapshot: the newest one is what a restore brings back')
    .max(1000, 'at most 1000 snapshots')
    .default(SAVES_RETENTION_DEFAULTS.keepLast),
  /** Days for which the newest snapshot of each day is kept too, beyond the last N (0: none). */
  savesKeepDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 days or more (0 keeps only the last snapshots)')
    .max(3650, 'at most 3650 days (10 years)')
    .default(SAVES_RETENTION_DEFAULTS.keepDays),
});
export type Settings = z.infer<typeof Settings>;

export interface LoadedSettings {
  settings: Settings;
  warnings: string[];
}

export interface SettingProblem {
  path: string;
  message: string;
}

/** The Docker sockets a folder rule guards: the endpoint in use, the saved one, and the standard one. */
function socketsOf(settings: Record<string, unknown>, inUse: readonly string[]): string[] {
  const saved = typeof settings.dockerEndpoint === 'string' ? settings.dockerEndpoint : defaultDockerEndpoint();
  return [...inUse, saved, '/var/run/docker.sock'].filter((s) => s.startsWith('/'));
}

const isAbsolute = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/');

/**
 * Every folder of `settings` that may not be used, by field (symlinks resolved). Judges the absolute
 * paths of an input the schema may still refuse for other reasons, so every problem comes at once.
 */
export function settingFolderProblems(settings: Record<string, unknown>, context: FolderContext): SettingProblem[] {
  const problems: SettingProblem[] = [];
  if (isAbsolute(settings.libraryDir)) {
    const problem = libraryDirProblem(settings.libraryDir, context);
    if (problem) problems.push({ path: 'libraryDir', message: problem });
  }
  const allowed = Array.isArray(settings.allowedHostDirectories) ? (settings.allowedHostDirectories as unknown[]) : [];
  allowed.forEach((dir, index) => {
    const problem = isAbsolute(dir) ? allowedDirectoryProblem(dir, context) : undefined;
    if (problem) problems.push({ path: `allowedHostDirectories.${index}`, message: problem });
  });
  return problems;
}

export function loadSettings(dataDir: string): LoadedSettings {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return { settings: Settings.parse({}), warnings: [] };
  let problem: string;
  try {
    const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    const folders = parsed.success ? settingFolderProblems(parsed.data, { dataDir, dockerSockets: socketsOf(parsed.data, []) }) : [];
    if (parsed.success && folders.length === 0) return { settings: parsed.data, warnings: [] };
    problem = parsed.success
      ? folders.map((p) => `${p.path}: ${p.message}`).join('; ')
      : parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const aside = `${path}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  return {
    settings: Settings.parse({}),
    warnings: [`Your settings could not be read (${problem}). They were kept in ${aside} and the defaults are used: fix that file and rename it to ${SETTINGS_FILE}, or set them again.`],
  };
}

export function defaultAllowedDirectories(): string[] {
  return [homedir(), '/media', '/mnt'];
}

export function defaultDockerEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return host || '/var/run/docker.sock';
}

export type SettingsChange = Partial<Record<keyof Settings, unknown>>;

/** Settings that take effect only when the app starts again. */
export const RESTART_SETTINGS = ['libraryDir', 'dockerEndpoint', 'runnerImage', 'metricsRetentionDays'] as const;

/**
 * The settings with `change` applied, checked whole (every problem at once, by field) and written
 * atomically. An empty string clears an optional setting (back to its default).
 */
export async function saveSettings(
  dataDir: string,
  current: Settings,
  change: SettingsChange,
  /** The Docker sockets in use (the app's endpoint when it is a unix socket): no library folder may hold one. */
  dockerSockets: readonly string[] = [],
): Promise<{ settings: Settings; changed: (keyof Settings)[] }> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (value === '') delete next[key];
    else next[key] = value;
  }
  const parsed = Settings.safeParse(next);
  const shape = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const folders = settingFolderProblems(next, { dataDir, dockerSockets: socketsOf(next, dockerSockets) });
  const problems = [...shape, ...folders.filter((f) => !shape.some((p) => p.path === f.path))];
  if (!parsed.success || problems.length > 0) {
    throw new SettingsError(`The settings were not saved: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`, problems);
  }
  await writeJsonAtomic(join(dataDir, SETTINGS_FILE), parsed.data);
  const changed = (Object.keys(Settings.shape) as (keyof Settings)[]).filter((key) => JSON.stringify(parsed.data[key]) !== JSON.stringify(current[key]));
  return { settings: parsed.data, changed };
}

export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(message: string, readonly problems: { path: string; message: string }[]) {
    super(message);
  }
}
