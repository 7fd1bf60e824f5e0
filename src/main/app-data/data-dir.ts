import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the app keeps its data: `DILLINGER_DATA_DIR` when set, else
 * `${XDG_DATA_HOME:-~/.local/share}/dillinger`. An explicit option wins over both.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.DILLINGER_DATA_DIR) return resolve(env.DILLINGER_DATA_DIR);
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(dataHome, 'dillinger');
}
