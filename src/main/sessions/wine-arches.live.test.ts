// Play, for real, a 32-bit and a 64-bit Win32 window program built here with mingw-w64, one after
// the other from the same Wine prefix: the core lets both through (the runner's wine-arch label
// says win32,win64), each reaches running and its own window is mapped on the real X server, and
// Stop ends each with WM_CLOSE. Each program titles its window with its own pointer size, so the
// window proves which arch drew it.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const ARCHES = [
  { bits: 32, gcc: 'i686-w64-mingw32-gcc', machine: 0x014c, pkg: 'gcc-mingw-w64-i686' },
  { bits: 64, gcc: 'x86_64-w64-mingw32-gcc', machine: 0x8664, pkg: 'gcc-mingw-w64-x86-64' },
] as const;

const mingw = hasBuildTools(ARCHES.map(({ gcc, pkg }) => ({ command: gcc, pkg })), "the test's Windows programs", 'the 32/64-bit Wine test');

/** A window titled "Dillinger arch probe <bits>-bit" (bits from the pointer size), open until WM_CLOSE. */
const PROGRAM_C = String.raw`#include <windows.h>
#include <stdio.h>
static LRESULT CALLBACK proc(HWND w, UINT m, WPARAM wp, LPARAM lp) {
  if (m == WM_DESTROY) { PostQuitMessage(0); return 0; }
  return DefWindowProcA(w, m, wp, lp);
}
int WINAPI WinMain(HINSTANCE inst, HINSTANCE prev, LPSTR cmd, int show) {
  (void)prev; (void)cmd;
  char title[64];
  snprintf(title, sizeof title, "Dillinger arch probe %d-bit", (int)(sizeof(void *) * 8));
  WNDCLASSA wc = {0};
  wc.lpfnWndProc = proc; wc.hInstance = inst; wc.lpszClassName = "probe";
  wc.hbrBackground = CreateSolidBrush(RGB(200, 40, 40));
  RegisterClassA(&wc);
  HWND w = CreateWindowA("probe", title, WS_OVERLAPPEDWINDOW, 40, 40, 320, 200, NULL, NULL, inst, NULL);
  if (!w) return 2;
  ShowWindow(w, show ? show : SW_SHOW);
  MSG msg;
  while (GetMessageA(&msg, NULL, 0, 0) > 0) { TranslateMessage(&msg); DispatchMessageA(&msg); }
  return 0;
}
`;

let buildDir = '';
beforeAll(() => {
  if (!mingw) return;
  buildDir = mkdtempSync(join(tmpdir(), 'dillinger-arches-'));
  writeFileSync(join(buildDir, 'probe.c'), PROGRAM_C);
  for (const { bits, gcc, machine } of ARCHES) {
    const exe = join(buildDir, `probe${bits}.exe`);
    execFileSync(gcc, ['-O2', '-Wall', '-Werror', '-mwindows', '-o', exe, join(buildDir, 'probe.c')]);
    const bytes = readFileSync(exe);
    expect(bytes.readUInt16LE(bytes.readUInt32LE(0x3c) + 4), `probe${bits}.exe's PE machine type`).toBe(machine);
  }
});
afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** The probe of `bits` as a game of the core's library; returns its id. */
async function addProbe(live: LiveCore, bits: number): Promise<string> {
  const id = `arch-probe-${bits}`;
  const folder = join(live.core.dataDir, 'library', id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'probe.exe'), readFileSync(join(buildDir, `probe${bits}.exe`)));
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id, title: `Arch probe ${bits}`, platforms: [{ platform: 'windows', executable: 'probe.exe' }] }));
  await untilInLibrary(live, id);
  return id;
}

describe.skipIf(!engine.available || !x.available || !mingw)('32- and 64-bit Windows programs in one prefix', () => {
  it('each reaches running with its own window on the X server, and stops', async () => {
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    for (const { bits } of ARCHES) {
      const gameId = await addProbe(live, bits);
      const title = `Dillinger arch probe ${bits}-bit`;
      const request = { ...launchRequest(WINDOWS_DEMO, { winePrefix: prefix }), gameId };
      const session = await live.call<RunnerSession>('sessions.launch', { request });
      await live.waitFor(session.sessionId, ['running'], 90_000);
      await until(() => windowNames(x).includes(title), 90_000, `a window titled "${title}"`);
      await live.call('sessions.stop', { sessionId: session.sessionId });
      const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
      expect(ended, `the ${bits}-bit session`).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.' });
      await until(() => !windowNames(x).includes(title), 10_000, `the ${bits}-bit window to close`);
    }
    await cores.expectCleanClose(live);
  }, 300_000);
});
