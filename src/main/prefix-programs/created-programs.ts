// The programs an installer or tool left in the game's prefix, read from its session's log, where
// the entrypoint lists them when the program has ended (resources/runner/lib/prefix-program.sh):
// the log is the app's own file, while the prefix may be a Docker volume it cannot read.
import type { CreatedProgram } from '../../shared/model/prefix-program';
import { prefixPathProblem } from '../../shared/library/prefix-path';

const NOTE = 'dillinger-entrypoint: note: ';
const PROGRAM = `${NOTE}prefix program: `;
const SHORTCUT = `${NOTE}prefix shortcut: `;

/** Shortcuts' targets first, each program once; only paths Play may name (prefix-path.ts). */
export function createdPrograms(log: string): CreatedProgram[] {
  const shortcuts: CreatedProgram[] = [];
  const files: string[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith(SHORTCUT)) {
      const [shortcut = '', target = ''] = line.slice(SHORTCUT.length).split(' -> ');
      if (target !== '' && prefixPathProblem(target) === undefined) {
        shortcuts.push({ executable: target, shortcut, name: baseName(shortcut).replace(/\.lnk$/i, '') });
      }
    } else if (line.startsWith(PROGRAM)) {
      const executable = line.slice(PROGRAM.length);
      if (prefixPathProblem(executable) === undefined) files.push(executable);
    }
  }
  const seen = new Set<string>();
  const programs: CreatedProgram[] = [];
  for (const program of [...shortcuts, ...files.map((executable) => ({ executable, name: baseName(executable) }))]) {
    const key = program.executable.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    programs.push(program);
  }
  return programs;
}

function baseName(windowsPath: string): string {
  return windowsPath.split('\\').pop() ?? windowsPath;
}
