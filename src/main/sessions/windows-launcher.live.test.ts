// A Windows game whose .exe is a launcher, for real: a 64-bit program that starts the real game
// (the Windows demo) through `cmd.exe /c start "" demo.exe`, as launchers do, and exits 0 at once.
// The session must outlive the launcher while the game runs (the entrypoint waits for every Windows
// program but Wine's own services), and Stop must close the game the launcher left behind: WM_CLOSE
// to it, so the session ends with the launcher's own exit status (0) before any kill fires.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames, type RealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { MINGW_64, hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const MINGW = MINGW_64.command;
const GAME = 'win-launcher';
const TITLE = 'Dillinger Launcher Game'; // the game's title: the demo titles its window with it
const LAUNCHER_SAID = 'launcher: started demo.exe through cmd.exe, exiting';

const mingw = hasBuildTools([MINGW_64], 'the Windows launcher', 'the Windows launcher test');

/** The launcher: cmd.exe (a program in C:\windows\) between it and the game, and no waiting for either. */
const LAUNCHER_C = String.raw`#include <windows.h>
#include <stdio.h>
#include <string.h>

static void say(const char *text) {
  DWORD written;
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  if (out && out != INVALID_HANDLE_VALUE) WriteFile(out, text, (DWORD)strlen(text), &written, NULL);
}

int main(void) {
  char dir[MAX_PATH];
  DWORD n = GetModuleFileNameA(NULL, dir, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) { say("launcher: cannot find its own folder\n"); return 1; }
  char *slash = strrchr(dir, '\\');
  if (slash) *slash = 0;
  char cmd[] = "cmd.exe /c start \"\" demo.exe";
  STARTUPINFOA si;
  PROCESS_INFORMATION pi;
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, dir, &si, &pi)) {
    char line[128];
    snprintf(line, sizeof line, "launcher: cannot start cmd.exe (error %lu)\n", GetLastError());
    say(line);
    return 1;
  }
  CloseHandle(pi.hThread);
  CloseHandle(pi.hProcess);
  say("${LAUNCHER_SAID}\n");
  return 0;
}
`;

let launcherExe = '';
beforeAll(() => {
  if (!mingw) return;
  // Not useTempDirs: that one is emptied after each test, and the launcher is built once.
  const dir = mkdtempSync(join(tmpdir(), 'dillinger-launcher-'));
  writeFileSync(join(dir, 'launcher.c'), LAUNCHER_C);
  launcherExe = join(dir, 'launcher.exe');
  execFileSync(MINGW, ['-O2', '-Wall', '-Wextra', '-Werror', '-o', launcherExe, join(dir, 'launcher.c')]);
  // A 64-bit program, as the entrypoint reads its PE header (machine type 0x8664).
  const bytes = readFileSync(launcherExe);
  expect(bytes.readUInt16LE(bytes.readUInt32LE(0x3c) + 4)).toBe(0x8664);
});
afterAll(() => {
  if (launcherExe) rmSync(dirname(launcherExe), { recursive: true, force: true });
});

/** The launcher game in the core's library: launcher.exe with the demo's demo.exe next to it. */
async function addLauncherGame(live: LiveCore): Promise<void> {
  const library = join(live.core.dataDir, 'library');
  mkdirSync(join(library, GAME), { recursive: true });
  copyFileSync(launcherExe, join(library, GAME, 'launcher.exe'));
  copyFileSync(join(library, WINDOWS_DEMO, 'demo.exe'), join(library, GAME, 'demo.exe'));
  writeFileSync(join(library, GAME, 'game.json'), JSON.stringify({ id: GAME, title: TITLE, platforms: [{ platform: 'windows', executable: 'launcher.exe' }] }));
  await untilInLibrary(live, GAME);
}

/** The command lines of the container's processes, as `docker top` shows them. */
async function processes(live: LiveCore, containerId: string): Promise<string[]> {
  const top = (await live.docker.getContainer(containerId).top({ ps_args: '-eo pid,args' })) as { Processes?: string[][] };
  return (top.Processes ?? []).map((row) => row.join(' '));
}

/** Whether a Wine process of the program `exe` is among them (not the entrypoint, whose arguments name the launcher). */
function runs(ps: string[], exe: string): boolean {
  const name = new RegExp(`[\\\\/]${exe.replace('.', '\\.')}(\\s|$)`, 'i');
  return ps.some((p) => !p.includes('dillinger-entrypoint') && name.test(p));
}

/** True when a window titled `title` is mapped (viewable) on the X server. */
function windowMapped(server: RealXServer, title: string): boolean {
  const env = { ...process.env, DISPLAY: server.display, XAUTHORITY: server.xauthority ?? '' };
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const ids = [...tree.matchAll(/(0x[0-9a-f]+) "([^"]*)"/g)].filter((m) => m[2] === title).map((m) => m[1] ?? '');
  return ids.some((id) => {
    try {
      return /Map State: IsViewable/.test(execFileSync('xwininfo', ['-id', id], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString());
    } catch {
      return false; // closed while we asked
    }
  });
}

describe.skipIf(!engine.available || !x.available || !mingw)('a Windows game started by a launcher that exits', () => {
  it('keeps the session running while the game the launcher started runs, and Stop closes that game', async () => {
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    // Docker's SIGKILL comes 4 s after SIGTERM, before the entrypoint's own `wineserver -k` (5 s after
    // WM_CLOSE): a demo that WM_CLOSE does not close is killed by Docker (137), not ended with 0. The
    // demo's own lines ("demo: closing") do not reach the log: started through start.exe's
    // ShellExecute, it does not get the container's stdout.
    const live = await cores.start(coreOptions(tempDir(), x, { stopGraceSeconds: 4 }), [prefix]);
    await addLauncherGame(live);
    const statuses: string[] = [];
    const unsubscribe = live.core.onEvent((name, payload) => {
      const status = (payload as RunnerSession).status;
      if (name === 'session.changed' && statuses.at(-1) !== status) statuses.push(status); // activity updates repeat 'running'
    });
    const request = { ...launchRequest(WINDOWS_DEMO, { winePrefix: prefix }), gameId: GAME }; // no DEMO_EXIT_AFTER: the demo stays
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const logText = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;

    // A first run in an empty prefix runs wineboot before the launcher: generous waits.
    const running = await live.waitFor(session.sessionId, ['running'], 90_000);
    await until(async () => (await logText()).includes(LAUNCHER_SAID), 90_000, () => `the launcher's line "${LAUNCHER_SAID}" in the log`);
    await until(() => windowMapped(x, TITLE), 90_000, `a mapped window titled "${TITLE}"`);
    // The launcher, and the cmd.exe/start.exe between it and the game, are gone; the demo is not.
    let ps: string[] = [];
    await until(async () => {
      ps = await processes(live, running.containerId);
      return !runs(ps, 'launcher.exe') && !runs(ps, 'cmd.exe') && !runs(ps, 'start.exe') && runs(ps, 'demo.exe');
    }, 30_000, () => `the launcher to have exited and the demo to run, in docker top:\n${ps.join('\n')}`);
    // Longer than the entrypoint's look twice, half a second apart, at what is left.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    ps = await processes(live, running.containerId);
    expect(runs(ps, 'demo.exe'), ps.join('\n')).toBe(true);
    expect(runs(ps, 'launcher.exe'), ps.join('\n')).toBe(false);
    expect((await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId })).status, await logText()).toBe('running');
    expect((await live.docker.getContainer(running.containerId).inspect()).State.Running).toBe(true);
    expect(windowMapped(x, TITLE)).toBe(true);

    await live.call('sessions.stop', { sessionId: session.sessionId });
    const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
    unsubscribe();
    // The container's exit status is the launcher's (the entrypoint's `exit "$rc"`, rc from its wait on
    // the launcher), which returned 0; the demo closed on WM_CLOSE, so Docker's kill did not give 137.
    expect(ended, await logText()).toMatchObject({ status: 'terminated', exitCode: 0, statusReason: 'Stopped by request.' });
    expect(statuses).toEqual(['requested', 'starting', 'running', 'stopping', 'terminated']);
    await until(() => !windowNames(x).includes(TITLE), 10_000, 'the demo\'s window to close');
    await cores.expectCleanClose(live);
  }, 300_000);
});
