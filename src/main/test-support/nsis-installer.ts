// Test support: a real NSIS installer, as game stores ship them. A small 32-bit Win32 window game
// built here with i686 mingw, and an installer for it made with Debian's makensis (a 32-bit
// installer, as every NSIS installer is): it installs the game under $PROGRAMFILES (on 64-bit
// Windows, C:\Program Files (x86)) and makes a Start-menu shortcut to it in $SMPROGRAMS. `/S` makes
// it silent. The game prints the path it runs from and opens a window titled NSIS_GAME_TITLE.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MINGW32 = 'i686-w64-mingw32-gcc';
export const MAKENSIS = 'makensis';
export const NSIS_GAME_TITLE = 'Dillinger NSIS Game';
export const NSIS_SHORTCUT_NAME = 'Dillinger NSIS Game';
/** Where a 32-bit installer's $PROGRAMFILES puts the game in a 64-bit prefix. */
export const NSIS_INSTALLED_EXE = 'C:\\Program Files (x86)\\Dillinger NSIS Game\\game.exe';

const GAME = String.raw`#include <windows.h>
#include <stdio.h>

static LRESULT CALLBACK proc(HWND w, UINT m, WPARAM wp, LPARAM lp) {
  if (m == WM_DESTROY) { PostQuitMessage(0); return 0; }
  return DefWindowProcA(w, m, wp, lp);
}

int main(void) {
  char self[MAX_PATH];
  GetModuleFileNameA(NULL, self, MAX_PATH);
  printf("nsis-game: running from %s\n", self);
  fflush(stdout);
  WNDCLASSA c = {0};
  c.lpfnWndProc = proc;
  c.hInstance = GetModuleHandleA(NULL);
  c.lpszClassName = "nsisgame";
  RegisterClassA(&c);
  CreateWindowA("nsisgame", "${NSIS_GAME_TITLE}", WS_OVERLAPPEDWINDOW | WS_VISIBLE, 0, 0, 320, 200, NULL, NULL, c.hInstance, NULL);
  MSG msg;
  while (GetMessageA(&msg, NULL, 0, 0) > 0) { TranslateMessage(&msg); DispatchMessageA(&msg); }
  return 0;
}
`;

const script = (gameExe: string, outFile: string) => `Unicode true
Name "${NSIS_GAME_TITLE}"
OutFile "${outFile}"
InstallDir "$PROGRAMFILES\\${NSIS_GAME_TITLE}"
RequestExecutionLevel admin
Page directory
Page instfiles
Section "Game"
  SetOutPath "$INSTDIR"
  File "${gameExe}"
  CreateShortcut "$SMPROGRAMS\\${NSIS_SHORTCUT_NAME}.lnk" "$INSTDIR\\game.exe"
SectionEnd
`;

/** True when this machine can build the installer (mingw for i686 and makensis). */
export function canBuildNsisInstaller(): boolean {
  try {
    execFileSync(MINGW32, ['--version'], { stdio: 'ignore' });
    execFileSync(MAKENSIS, ['-VERSION'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Builds game.exe and its installer setup.exe into a new folder of its own; returns setup.exe's path. */
export function buildNsisInstaller(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dillinger-nsis-'));
  writeFileSync(join(dir, 'game.c'), GAME);
  execFileSync(MINGW32, ['-O2', '-Wall', '-o', join(dir, 'game.exe'), join(dir, 'game.c')]);
  writeFileSync(join(dir, 'setup.nsi'), script(join(dir, 'game.exe'), join(dir, 'setup.exe')));
  execFileSync(MAKENSIS, ['-V2', join(dir, 'setup.nsi')], { stdio: 'pipe' });
  return join(dir, 'setup.exe');
}
