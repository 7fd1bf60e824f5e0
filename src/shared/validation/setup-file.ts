// Where a program run in a game's prefix (an installer, a patch) may come from: a file that exists,
// judged by its REAL path (symlinks and `..` followed by the core, see host-paths.ts) to lie in a
// folder games may use and to be a Windows program or installer package. It is mounted read-only.
import { PROGRAM_FILE_EXTENSIONS } from '../model/prefix-program';
import { checkHostPath } from './host-paths';
import type { HostFacts } from './host-facts';
import type { Problem } from './problems';

/** Every problem of a request's `program` against this machine (its shape is the schema's). */
export function prefixProgramProblems(platform: unknown, program: unknown, facts: HostFacts): Problem[] {
  if (typeof program !== 'object' || program === null) return [];
  const { kind, file } = program as { kind?: unknown; file?: unknown };
  const problems: Problem[] = [];
  if (platform !== 'windows') {
    problems.push({ path: 'program', message: `${kind === 'tool' ? 'A tool' : 'An installer'} runs in the game's Wine prefix, so only on Windows: choose the windows platform.` });
  }
  if (typeof file === 'string' && file.startsWith('/')) {
    const what = kind === 'install' ? 'The setup file' : 'The program';
    const problem = setupFileProblem(file, facts, what);
    if (problem) problems.push({ path: 'program.file', message: problem });
  }
  return problems;
}

/** Why `file` may not be run in a prefix, or undefined when it may. */
export function setupFileProblem(file: string, facts: HostFacts, what: string): string | undefined {
  const verdict = checkHostPath(file, facts, what);
  if (!verdict.ok) return verdict.message;
  if (verdict.fact.kind !== 'file') return `${what} ${file} is not a file: pick the .exe or .msi itself.`;
  const real = verdict.realPath.toLowerCase();
  if (!PROGRAM_FILE_EXTENSIONS.some((ext) => real.endsWith(ext))) {
    return `${what} ${file} is ${verdict.realPath}, which is not a Windows program (.exe) or installer package (.msi): pick the file itself.`;
  }
  return undefined;
}
