// Test support: a stand-in `nvidia-smi` (no GPU runs here). It is a real executable spawned through
// the real code path; it records its arguments in <dir>/args and its pid in <dir>/pids, then runs `body`.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFakeNvidiaSmi(dir: string, body: string): string {
  const path = join(dir, 'nvidia-smi');
  writeFileSync(path, `#!/bin/sh\necho "$@" > '${dir}/args'\necho $$ >> '${dir}/pids'\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Shell lines that print each of `lines`, pausing between them. */
export function printLines(lines: readonly string[], pause = '0.05'): string {
  return lines.map((line) => `echo '${line}'; sleep ${pause}`).join('\n');
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
