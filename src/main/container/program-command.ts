// What an installer's or tool's container runs instead of the game (a pure part of container-spec.ts):
// the picked file, mounted read-only under the session's runtime folder by its own name (installers
// read their name, and nothing else of the folder it lies in is shown); an .msi through Wine's
// msiexec; one of Wine's own tools by its program in the image. DILLINGER_PROGRAM_KIND tells the
// entrypoint to list what the program leaves in the prefix (resources/runner/lib/prefix-program.sh).
import type Docker from 'dockerode';
import { RUNTIME_MOUNT } from '../../shared/model/container-paths';
import type { PrefixProgram } from '../../shared/model/prefix-program';

/** Wine's own 64-bit programs in the runner image (Debian's wine64 package puts them here). */
export const WINE_PROGRAMS_DIR = '/usr/lib/x86_64-linux-gnu/wine/x86_64-windows';
export const PROGRAM_MOUNT_DIR = `${RUNTIME_MOUNT}/program`;

export interface ProgramCommand {
  /** The executable and its arguments, after the entrypoint's platform argument. */
  command: string[];
  mounts: Docker.MountSettings[];
  env: Record<string, string>;
}

/**
 * `realFile`: the picked file's real path (symlinks resolved by the host probe), which is what is
 * mounted, so the file judged is the file the container gets.
 */
export function programCommand(program: PrefixProgram, realFile?: string): ProgramCommand {
  const env = { DILLINGER_PROGRAM_KIND: program.kind };
  if (program.tool) return { command: [`${WINE_PROGRAMS_DIR}/${program.tool}.exe`, ...program.arguments], mounts: [], env };
  const source = realFile ?? program.file ?? '';
  const name = (program.file ?? source).split('/').pop() ?? 'setup.exe';
  const target = `${PROGRAM_MOUNT_DIR}/${name}`;
  const mounts: Docker.MountSettings[] = [{ Type: 'bind', Source: source, Target: target, ReadOnly: true }];
  if (name.toLowerCase().endsWith('.msi')) {
    return { command: [`${WINE_PROGRAMS_DIR}/msiexec.exe`, '/i', `Z:${target.replaceAll('/', '\\')}`, ...program.arguments], mounts, env };
  }
  return { command: [target, ...program.arguments], mounts, env };
}
