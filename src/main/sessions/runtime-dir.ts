// Each session's private folder on the host: 0700, owned by the user the game runs as, holding what
// must not be in the session record (the X cookie, the session's sound server's socket, pid and
// folders). Removed at session end.
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GameUser } from './game-user';

export function runtimeRoot(dataDir: string, env: NodeJS.ProcessEnv): string {
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'dillinger') : join(dataDir, 'run');
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
