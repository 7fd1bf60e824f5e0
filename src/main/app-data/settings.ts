// The user's settings, kept in <dataDir>/settings.json. A file that cannot be read is set aside
// (never deleted) and the defaults are used, with a warning the UI can show.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_PATHS, isWithin, normalizeAbsolute } from '../../shared/model/container-paths';
import { writeJsonAtomic } from '../store/atomic-file';

export const SETTINGS_FILE = 'settings.json';

/** Folders no setting may open to games: the system's own, and anything holding the Docker socket. */
const FORBIDDEN_ALLOWED_DIRS = ['/', '/etc', '/proc', '/sys', '/dev', '/run', '/var/run', '/boot', '/usr', ...SYSTEM_PATHS];

const allowedDirectory = z
  .string()
  .startsWith('/', 'must be an absolute folder path')
  .transform((p) => normalizeAbsolute(p))
  .refine((p) => !FORBIDDEN_ALLOWED_DIRS.includes(p) && !SYSTEM_PATHS.some((s) => isWithin(p, s)), {
    error: (issue) => `${String(issue.input)} is a system folder: games may not reach it; allow a folder of your own instead`,
  });

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
});
export type Settings = z.infer<typeof Settings>;

export interface LoadedSettings {
  settings: Settings;
  warnings: string[];
}

export function loadSettings(dataDir: string): LoadedSettings {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return { settings: Settings.parse({}), warnings: [] };
  let problem: string;
  try {
    const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { settings: parsed.data, warnings: [] };
    problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
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
export async function saveSettings(dataDir: string, current: Settings, change: SettingsChange): Promise<{ settings: Settings; changed: (keyof Settings)[] }> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (value === '') delete next[key];
    else next[key] = value;
  }
  const parsed = Settings.safeParse(next);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
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
