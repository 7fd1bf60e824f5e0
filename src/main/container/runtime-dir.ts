// Each session's private folder on the host: 0700, owned by the user the game runs as, holding what
// must not be in the session record (the X cookie, the session's sound server's socket, pid and
// folders). Removed at session end.
import { chownSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SESSION_ID_PATTERN } from '../../shared/model/entities';
import type { GameUser } from './game-user';

/**
 * One root per data dir: reconcile removes what ended sessions left under it, so two app instances
 * (each with its own data dir) must never share one. Short, for the 108-byte socket path limit.
 */
export function runtimeRoot(dataDir: string, env: NodeJS.ProcessEnv): string {
  if (!env.XDG_RUNTIME_DIR) return join(dataDir, 'run');
  return join(env.XDG_RUNTIME_DIR, 'dillinger', createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 8));
}

export interface RuntimeDir {
  path: string;
  /** Writes a file only the game's user can read (0600). */
  writePrivate(name: string, data: Buffer): string;
  remove(): void;
}

export function createRuntimeDir(root: string, sessionId: string, user: GameUser): RuntimeDir {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const path = join(root, sessionId);
  mkdirSync(path, { mode: 0o700 });
  if (process.getuid?.() === 0) chownSync(path, user.uid, user.gid);
  return {
    path,
    writePrivate(name, data) {
      const file = join(path, name);
      writeFileSync(file, data, { mode: 0o600, flag: 'wx' });
      if (process.getuid?.() === 0) chownSync(file, user.uid, user.gid);
      return file;
    },
    remove: () => removeRuntimeDir(root, sessionId),
  };
}

export function removeRuntimeDir(root: string, sessionId: string): void {
  rmSync(join(root, sessionId), { recursive: true, force: true });
}

/** The session folders under the root (named by session id; anything else there is not ours). */
export function sessionRuntimeDirs(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && SESSION_ID_PATTERN.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
