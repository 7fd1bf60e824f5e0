// Test support for the installer live tests: one small 64-bit Windows program, built here with
// mingw, that plays three parts by how it is started:
//   setup.exe /S        an installer: copies itself to C:\Program Files\Dillinger Test Game\game.exe
//                       and makes a Start-menu shortcut to it (IShellLink, as installers do)
//   setup.exe /S /WAIT  the same, then waits "mid-way" until it is stopped
//   setup.exe /TOOL     a tool: writes HKCU\Software\DillingerTest\Tool = changed in the registry
//   game.exe            the installed game: prints what the tool wrote, opens a window titled
//                       "Installed Test Game" and closes on WM_CLOSE
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MINGW64 = 'x86_64-w64-mingw32-gcc';
export const INSTALLED_TITLE = 'Installed Test Game';
export const INSTALLED_EXE = 'C:\\Program Files\\Dillinger Test Game\\game.exe';
export const SHORTCUT_NAME = 'Dillinger Test Game';

const SOURCE = String.raw`#include <windows.h>
#include <shlobj.h>
#include <stdio.h>
#include <string.h>

static void say(const char *text) { fputs(text, stdout); fflush(stdout); }

static LRESULT CALLBACK proc(HWND w, UINT m, WPARAM wp, LPARAM lp) {
  if (m == WM_DESTROY) { PostQuitMessage(0); return 0; }
  return DefWindowProcA(w, m, wp, lp);
}

static int game(void) {
  char value[64] = "nothing";
  DWORD size = sizeof value;
  if (RegGetValueA(HKEY_CURRENT_USER, "Software\\DillingerTest", "Tool", RRF_RT_REG_SZ, NULL, value, &size) != ERROR_SUCCESS) strcpy(value, "nothing");
  char line[128];
  snprintf(line, sizeof line, "installed-game: the tool left %s\n", value);
  say(line);
  WNDCLASSA c = {0};
  c.lpfnWndProc = proc;
  c.hInstance = GetModuleHandleA(NULL);
  c.lpszClassName = "installed";
  RegisterClassA(&c);
  CreateWindowA("installed", "${INSTALLED_TITLE}", WS_OVERLAPPEDWINDOW | WS_VISIBLE, 0, 0, 320, 200, NULL, NULL, c.hInstance, NULL);
  say("installed-game: window open\n");
  MSG msg;
  while (GetMessageA(&msg, NULL, 0, 0) > 0) { TranslateMessage(&msg); DispatchMessageA(&msg); }
  return 0;
}

static int install(int wait) {
  char self[MAX_PATH];
  GetModuleFileNameA(NULL, self, MAX_PATH);
  CreateDirectoryA("C:\\Program Files\\Dillinger Test Game", NULL);
  if (!CopyFileA(self, "C:\\Program Files\\Dillinger Test Game\\game.exe", FALSE)) { say("setup: copy failed\n"); return 2; }
  say("setup: copied game.exe\n");
  if (wait) { say("setup: waiting\n"); for (;;) Sleep(1000); }
  WCHAR programs[MAX_PATH], link[MAX_PATH];
  if (SHGetFolderPathW(NULL, CSIDL_COMMON_PROGRAMS, NULL, 0, programs) != S_OK) { say("setup: no Start menu\n"); return 3; }
  swprintf(link, MAX_PATH, L"%ls\\${SHORTCUT_NAME}.lnk", programs);
  CoInitialize(NULL);
  IShellLinkW *shell;
  if (CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, &IID_IShellLinkW, (void **)&shell) != S_OK) { say("setup: no IShellLink\n"); return 4; }
  shell->lpVtbl->SetPath(shell, L"C:\\Program Files\\Dillinger Test Game\\game.exe");
  IPersistFile *file;
  shell->lpVtbl->QueryInterface(shell, &IID_IPersistFile, (void **)&file);
  if (file->lpVtbl->Save(file, link, TRUE) != S_OK) { say("setup: shortcut not saved\n"); return 5; }
  say("setup: installed\n");
  return 0;
}

int main(int argc, char **argv) {
  char self[MAX_PATH];
  GetModuleFileNameA(NULL, self, MAX_PATH);
  const char *name = strrchr(self, '\\') ? strrchr(self, '\\') + 1 : self;
  if (_stricmp(name, "game.exe") == 0) return game();
  int silent = 0, wait = 0, tool = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "/S") == 0) silent = 1;
    if (strcmp(argv[i], "/WAIT") == 0) wait = 1;
    if (strcmp(argv[i], "/TOOL") == 0) tool = 1;
  }
  if (tool) {
    HKEY key;
    RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\DillingerTest", 0, NULL, 0, KEY_WRITE, NULL, &key, NULL);
    RegSetValueExA(key, "Tool", 0, REG_SZ, (const BYTE *)"changed", 8);
    RegCloseKey(key);
    say("tool: wrote the registry\n");
    return 0;
  }
  if (!silent) { say("setup: only silent installs (/S) here\n"); return 1; }
  return install(wait);
}
`;

/** Builds setup.exe into a new folder of its own (the folder the test allows); returns its path. */
export function buildTestInstaller(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dillinger-setup-'));
  writeFileSync(join(dir, 'setup.c'), SOURCE);
  const exe = join(dir, 'setup.exe');
  execFileSync(MINGW64, ['-O2', '-Wall', '-o', exe, join(dir, 'setup.c'), '-lole32', '-luuid', '-lshell32', '-ladvapi32']);
  return exe;
}
