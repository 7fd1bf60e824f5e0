/* Dillinger demo game (Win32 GUI, run through Wine). Same controls as the Linux demo:
 *   DILLINGER_GAME_TITLE  window title (default "Dillinger Demo (Windows)")
 *   DEMO_CPU_LOAD=0-100   burn that % of one core (busy duty cycle over 100 ms periods)
 *   DEMO_EXIT_AFTER=s     exit after s seconds with DEMO_EXIT_CODE (default 0)
 *   DEMO_ALLOC_MB=n       allocate and touch n MiB over ~2 s
 *   DEMO_TONE_HZ=hz       sine tone through waveOut (Wine's winepulse forwards it to PulseAudio)
 * Prints "demo: started ..." then "demo: tick N" every second to the (Unix) stdout Wine hands us.
 * WM_CLOSE/WM_DESTROY: exit 0.
 * Build: x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -mwindows -o demo.exe demo.c -lwinmm */
#include <windows.h>
#include <mmsystem.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define W 640
#define H 360

static wchar_t title[256] = L"Dillinger Demo (Windows)";
static long cpu, exit_after, exit_code, alloc_mb, tone_hz, frame, tick, allocated;
static ULONGLONG start_ms;

/* A -mwindows program has no console; Wine still passes the Unix stdout as the standard handle. */
static void say(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  DWORD written;
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  if (out && out != INVALID_HANDLE_VALUE && n > 0) WriteFile(out, buf, (DWORD)min(n, (int)sizeof buf - 1), &written, NULL);
}

static long env_long(const char *name, long def, long min_v, long max_v) {
  char v[64];
  DWORD n = GetEnvironmentVariableA(name, v, sizeof v);
  if (n == 0 || n >= sizeof v) return def;
  char *end;
  long x = strtol(v, &end, 10);
  if (*end || x < min_v || x > max_v) {
    say("demo: ignoring %s=%s (expected %ld-%ld)\n", name, v, min_v, max_v);
    return def;
  }
  return x;
}

static DWORD WINAPI cpu_thread(LPVOID arg) {
  (void)arg;
  volatile unsigned long sink = 0;
  for (ULONGLONG period = GetTickCount64();; period += 100) {
    while (GetTickCount64() < period + (ULONGLONG)cpu) sink++;
    ULONGLONG t = GetTickCount64();
    if (t < period + 100) Sleep((DWORD)(period + 100 - t));
    else period = t - 100; /* fell behind: don't try to catch up */
  }
  return 0;
}

/* Sine tone: four 100 ms buffers cycled through waveOut; never fatal. */
static DWORD WINAPI tone_thread(LPVOID arg) {
  (void)arg;
  enum { RATE = 44100, N = 4410, NBUF = 4 };
  static short data[NBUF][N];
  WAVEHDR hdr[NBUF];
  WAVEFORMATEX wf = {WAVE_FORMAT_PCM, 1, RATE, RATE * 2, 2, 16, 0};
  HANDLE done = CreateEventW(NULL, FALSE, FALSE, NULL);
  HWAVEOUT wo;
  MMRESULT r = waveOutOpen(&wo, WAVE_MAPPER, &wf, (DWORD_PTR)done, 0, CALLBACK_EVENT);
  if (r != MMSYSERR_NOERROR) {
    say("demo: warning: no sound (waveOutOpen error %u), continuing without audio\n", r);
    return 0;
  }
  say("demo: playing %ld Hz tone\n", tone_hz);
  double phase = 0, step = 2 * 3.14159265358979 * tone_hz / RATE;
  ZeroMemory(hdr, sizeof hdr);
  for (;;) {
    for (int b = 0; b < NBUF; b++) {
      if (hdr[b].dwFlags & WHDR_PREPARED) {
        if (!(hdr[b].dwFlags & WHDR_DONE)) continue;
        waveOutUnprepareHeader(wo, &hdr[b], sizeof hdr[b]);
      }
      for (int i = 0; i < N; i++) {
        data[b][i] = (short)(8000 * sin(phase));
        phase = fmod(phase + step, 2 * 3.14159265358979);
      }
      hdr[b].lpData = (LPSTR)data[b];
      hdr[b].dwBufferLength = sizeof data[b];
      hdr[b].dwFlags = 0;
      waveOutPrepareHeader(wo, &hdr[b], sizeof hdr[b]);
      waveOutWrite(wo, &hdr[b], sizeof hdr[b]);
    }
    WaitForSingleObject(done, 200);
  }
}

static void paint(HWND hwnd) {
  PAINTSTRUCT ps;
  HDC dc = BeginPaint(hwnd, &ps);
  HDC mem = CreateCompatibleDC(dc); /* draw off-screen: no flicker */
  HBITMAP bmp = CreateCompatibleBitmap(dc, W, H);
  HGDIOBJ old = SelectObject(mem, bmp);
  RECT all = {0, 0, W, H};
  HBRUSH bg = CreateSolidBrush(RGB(0x30, 0x18, 0x10));
  FillRect(mem, &all, bg);
  int hue = (int)(frame * 3 % 256), x = (int)(frame * 8 % (W + 120)) - 120, f = (int)(frame % 8);
  HBRUSH bar = CreateSolidBrush(RGB(0xC0, 255 - hue, hue));
  RECT r = {x, H / 2 - 40, x + 120, H / 2 + 40};
  FillRect(mem, &r, bar); /* the moving bar */
  RECT fr = {4 + f, 4 + f, W - 4 - f, H - 4 - f};
  FrameRect(mem, &fr, bar); /* pulsing frame */
  wchar_t line[400];
  swprintf(line, 400, L"%ls  -  frame %ld  cpu %ld%%  mem %ld MiB", title, frame, cpu, allocated);
  SetBkMode(mem, TRANSPARENT);
  SetTextColor(mem, RGB(255, 255, 255));
  TextOutW(mem, 20, 20, line, (int)wcslen(line));
  BitBlt(dc, 0, 0, W, H, mem, 0, 0, SRCCOPY);
  SelectObject(mem, old);
  DeleteObject(bmp);
  DeleteObject(bg);
  DeleteObject(bar);
  DeleteDC(mem);
  EndPaint(hwnd, &ps);
}

static LRESULT CALLBACK wndproc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp) {
  switch (msg) {
  case WM_TIMER: {
    ULONGLONG t = GetTickCount64() - start_ms;
    if (exit_after > 0 && t >= (ULONGLONG)exit_after * 1000) {
      say("demo: exiting after %lds with code %ld\n", exit_after, exit_code);
      KillTimer(hwnd, 1);
      PostQuitMessage((int)exit_code);
      return 0;
    }
    if (t >= (ULONGLONG)(tick + 1) * 1000) say("demo: tick %ld\n", ++tick);
    /* 1 MiB steps spread over the first ~2 s (60 frames), touched so the pages are resident. */
    for (long want = alloc_mb * (frame + 1) / 60; allocated < alloc_mb && allocated < want; allocated++) {
      char *p = malloc(1 << 20);
      if (p) memset(p, 0xA5, 1 << 20); /* intentionally kept until exit */
    }
    frame++;
    InvalidateRect(hwnd, NULL, FALSE);
    return 0;
  }
  case WM_PAINT:
    paint(hwnd);
    return 0;
  case WM_ERASEBKGND:
    return 1; /* paint() covers everything */
  case WM_CLOSE: /* quit without DestroyWindow: with no window manager (Xvfb) winex11 waits 2 s
                    for the WM to withdraw a destroyed window; the process exit cleans up anyway */
  case WM_DESTROY:
    say("demo: closing\n");
    PostQuitMessage(0);
    return 0;
  }
  return DefWindowProcW(hwnd, msg, wp, lp);
}

int WINAPI WinMain(HINSTANCE inst, HINSTANCE prev, LPSTR cmd, int show) {
  (void)prev;
  (void)cmd;
  wchar_t t[256];
  DWORD n = GetEnvironmentVariableW(L"DILLINGER_GAME_TITLE", t, 256);
  if (n > 0 && n < 256) wcscpy(title, t);
  cpu = env_long("DEMO_CPU_LOAD", 0, 0, 100);
  exit_after = env_long("DEMO_EXIT_AFTER", 0, 0, 1L << 30);
  exit_code = env_long("DEMO_EXIT_CODE", 0, 0, 255);
  alloc_mb = env_long("DEMO_ALLOC_MB", 0, 0, 1L << 20);
  tone_hz = env_long("DEMO_TONE_HZ", 0, 0, 20000);

  WNDCLASSW wc = {0};
  wc.lpfnWndProc = wndproc;
  wc.hInstance = inst;
  wc.hCursor = LoadCursor(NULL, IDC_ARROW);
  wc.lpszClassName = L"DillingerDemo";
  RegisterClassW(&wc);
  RECT rc = {0, 0, W, H};
  AdjustWindowRect(&rc, WS_OVERLAPPEDWINDOW, FALSE);
  HWND hwnd = CreateWindowExW(0, wc.lpszClassName, title, WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT,
                              rc.right - rc.left, rc.bottom - rc.top, NULL, NULL, inst, NULL);
  if (!hwnd) {
    say("demo: cannot create window (error %lu)\n", GetLastError());
    return 1;
  }
  ShowWindow(hwnd, show ? show : SW_SHOWNORMAL);
  char tu[768];
  WideCharToMultiByte(CP_UTF8, 0, title, -1, tu, sizeof tu, NULL, NULL);
  say("demo: started title=\"%s\" cpu=%ld%% exit_after=%lds exit_code=%ld alloc=%ldMiB tone=%ldHz\n", tu, cpu,
      exit_after, exit_code, alloc_mb, tone_hz);
  start_ms = GetTickCount64();
  if (cpu > 0) CreateThread(NULL, 0, cpu_thread, NULL, 0, NULL);
  if (tone_hz > 0) CreateThread(NULL, 0, tone_thread, NULL, 0, NULL);
  SetTimer(hwnd, 1, 33, NULL); /* ~30 fps */

  MSG msg;
  while (GetMessageW(&msg, NULL, 0, 0) > 0) {
    TranslateMessage(&msg);
    DispatchMessageW(&msg);
  }
  return (int)msg.wParam;
}
