// Whether the compilers a live test builds its programs with run on this machine. In CI a missing
// one is a failure (scripts/provision.sh installs them all); elsewhere the test skips, saying what
// to install. Checked once, when the test file loads.
import { execFileSync } from 'node:child_process';

export interface BuildTool {
  /** The command, run with `--version` to see that it works. */
  command: string;
  /** The Debian package that brings it. */
  pkg: string;
}

export const MINGW_32: BuildTool = { command: 'i686-w64-mingw32-gcc', pkg: 'gcc-mingw-w64-i686' };
export const MINGW_64: BuildTool = { command: 'x86_64-w64-mingw32-gcc', pkg: 'gcc-mingw-w64-x86-64' };
export const GCC: BuildTool = { command: 'gcc', pkg: 'gcc libc6-dev' };

/** `what`: what the tools build, for the messages ("the test's Windows program"). */
export function hasBuildTools(tools: readonly BuildTool[], what: string, testName: string): boolean {
  for (const tool of tools) {
    try {
      execFileSync(tool.command, ['--version'], { stdio: 'ignore' });
    } catch {
      if (process.env.CI === 'true') throw new Error(`CI needs ${tool.command} (apt-get install ${tool.pkg}) to build ${what}`);
      console.warn(`Skipping ${testName}: no ${tool.command} to build ${what} (apt-get install ${tool.pkg})`);
      return false;
    }
  }
  return true;
}
