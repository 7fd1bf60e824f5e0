/* Dillinger demo game (Linux/X11). A small window with an animated bar, repainted at ~30 fps,
 * whose load is driven by env vars so the app's graphs and controls have something to show:
 *   DILLINGER_GAME_TITLE  window title (default "Dillinger Demo (Linux)")
 *   DEMO_CPU_LOAD=0-100   burn that % of one core (busy duty cycle over 100 ms periods)
 *   DEMO_EXIT_AFTER=s     exit after s seconds with DEMO_EXIT_CODE (default 0)
 *   DEMO_ALLOC_MB=n       allocate and touch n MiB over ~2 s
 *   DEMO_TONE_HZ=hz       play a sine tone through PulseAudio (PULSE_SERVER); warns if none
 * Prints "demo: started ..." then "demo: tick N" every second. WM close or SIGTERM/SIGINT: exit 0.
 * Build: gcc -O2 -Wall -Wextra -o demo demo.c -lX11 -lpulse-simple -lpulse -lm -lpthread */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <pulse/error.h>
#include <pulse/simple.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>

#define W 640
#define H 360

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long env_long(const char *name, long def, long min, long max) {
  const char *v = getenv(name);
  if (!v || !*v) return def;
  char *end;
  long n = strtol(v, &end, 10);
  if (*end || n < min || n > max) {
    fprintf(stderr, "demo: ignoring %s=%s (expected %ld-%ld)\n", name, v, min, max);
    return def;
  }
  return n;
}

/* CPU burner: busy for load% of every 100 ms period, asleep for the rest. */
static void *cpu_thread(void *arg) {
  double busy = (long)(intptr_t)arg / 1000.0; /* seconds of busy time per 100 ms */
  volatile unsigned long sink = 0;
  for (double period = now_s();; period += 0.1) {
    while (now_s() < period + busy) sink++;
    double left = period + 0.1 - now_s();
    if (left > 0) {
      struct timespec ts = {0, (long)(left * 1e9)};
      nanosleep(&ts, NULL);
    } else {
      period = now_s() - 0.1; /* fell behind (e.g. throttled): don't try to catch up */
    }
  }
  return NULL;
}

/* Sine tone through PulseAudio's simple API; never fatal. */
static void *tone_thread(void *arg) {
  double hz = (long)(intptr_t)arg;
  pa_sample_spec ss = {.format = PA_SAMPLE_S16LE, .rate = 44100, .channels = 1};
  int err = 0;
  pa_simple *pa = pa_simple_new(NULL, "Dillinger Demo", PA_STREAM_PLAYBACK, NULL, "tone", &ss, NULL, NULL, &err);
  if (!pa) {
    printf("demo: warning: no sound (%s), continuing without audio\n", pa_strerror(err));
    fflush(stdout);
    return NULL;
  }
  printf("demo: playing %.0f Hz tone\n", hz);
  fflush(stdout);
  static int16_t buf[4410]; /* 100 ms */
  double phase = 0, step = 2 * M_PI * hz / ss.rate;
  for (;;) {
    for (size_t i = 0; i < sizeof buf / sizeof buf[0]; i++) {
      buf[i] = (int16_t)(8000 * sin(phase));
      phase = fmod(phase + step, 2 * M_PI);
    }
    if (pa_simple_write(pa, buf, sizeof buf, &err) < 0) {
      printf("demo: warning: sound stopped (%s)\n", pa_strerror(err));
      fflush(stdout);
      pa_simple_free(pa);
      return NULL;
    }
  }
}

int main(void) {
  const char *title = getenv("DILLINGER_GAME_TITLE");
  if (!title || !*title) title = "Dillinger Demo (Linux)";
  long cpu = env_long("DEMO_CPU_LOAD", 0, 0, 100);
  long exit_after = env_long("DEMO_EXIT_AFTER", 0, 0, 1L << 30);
  long exit_code = env_long("DEMO_EXIT_CODE", 0, 0, 255);
  long alloc_mb = env_long("DEMO_ALLOC_MB", 0, 0, 1L << 20);
  long tone_hz = env_long("DEMO_TONE_HZ", 0, 0, 20000);

  struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: select() returns EINTR */
  sigaction(SIGTERM, &sa, NULL);                   /* as PID 1 a signal without handler is ignored */
  sigaction(SIGINT, &sa, NULL);

  Display *dpy = XOpenDisplay(NULL);
  if (!dpy) {
    fprintf(stderr, "demo: cannot open X display '%s'\n", getenv("DISPLAY") ? getenv("DISPLAY") : "");
    return 1;
  }
  int scr = DefaultScreen(dpy);
  Window win = XCreateSimpleWindow(dpy, RootWindow(dpy, scr), 0, 0, W, H, 0, 0, 0);
  XStoreName(dpy, win, title); /* WM_NAME (Latin-1) for old tools; _NET_WM_NAME carries UTF-8 */
  XChangeProperty(dpy, win, XInternAtom(dpy, "_NET_WM_NAME", False), XInternAtom(dpy, "UTF8_STRING", False), 8,
                  PropModeReplace, (const unsigned char *)title, (int)strlen(title));
  XClassHint ch = {.res_name = "dillinger-demo", .res_class = "DillingerDemo"};
  XSetClassHint(dpy, win, &ch);
  Atom wm_delete = XInternAtom(dpy, "WM_DELETE_WINDOW", False);
  XSetWMProtocols(dpy, win, &wm_delete, 1);
  XSelectInput(dpy, win, ExposureMask | StructureNotifyMask);
  XMapWindow(dpy, win);
  GC gc = XCreateGC(dpy, win, 0, NULL);
  Pixmap back = XCreatePixmap(dpy, win, W, H, DefaultDepth(dpy, scr)); /* draw off-screen: no flicker */

  printf("demo: started title=\"%s\" cpu=%ld%% exit_after=%lds exit_code=%ld alloc=%ldMiB tone=%ldHz\n", title, cpu,
         exit_after, exit_code, alloc_mb, tone_hz);
  fflush(stdout);

  /* Worker threads must not take SIGTERM: block it while creating them, so main's select() gets it. */
  sigset_t term, old;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigaddset(&term, SIGINT);
  pthread_sigmask(SIG_BLOCK, &term, &old);
  pthread_t t;
  if (cpu > 0) pthread_create(&t, NULL, cpu_thread, (void *)(intptr_t)cpu);
  if (tone_hz > 0) pthread_create(&t, NULL, tone_thread, (void *)(intptr_t)tone_hz);
  pthread_sigmask(SIG_SETMASK, &old, NULL);

  double start = now_s(), next_frame = start, next_tick = start + 1;
  long frame = 0, tick = 0, allocated = 0;
  int xfd = ConnectionNumber(dpy);
  while (!stop_requested) {
    while (XPending(dpy)) {
      XEvent ev;
      XNextEvent(dpy, &ev);
      if (ev.type == ClientMessage && (Atom)ev.xclient.data.l[0] == wm_delete) stop_requested = 1;
    }
    double t_now = now_s();
    if (exit_after > 0 && t_now - start >= exit_after) {
      printf("demo: exiting after %lds with code %ld\n", exit_after, exit_code);
      fflush(stdout);
      XCloseDisplay(dpy);
      return (int)exit_code;
    }
    if (t_now >= next_tick) {
      printf("demo: tick %ld\n", ++tick);
      fflush(stdout);
      next_tick += 1;
    }
    if (t_now >= next_frame) {
      /* Allocate in 1 MiB steps spread over the first ~2 s (60 frames); memset so pages are resident. */
      long want = alloc_mb * (frame + 1) / 60;
      for (; allocated < alloc_mb && allocated < want; allocated++) {
        char *p = malloc(1 << 20);
        if (p) memset(p, 0xA5, 1 << 20); /* intentionally kept until exit */
      }
      frame++;
      int hue = (int)(frame * 3 % 256), x = (int)(frame * 8 % (W + 120)) - 120;
      XSetForeground(dpy, gc, 0x101830);
      XFillRectangle(dpy, back, gc, 0, 0, W, H);
      XSetForeground(dpy, gc, (unsigned long)(hue << 16 | (255 - hue) << 8 | 0xC0));
      XFillRectangle(dpy, back, gc, x, H / 2 - 40, 120, 80); /* the moving bar */
      XDrawRectangle(dpy, back, gc, 4 + (int)(frame % 8), 4 + (int)(frame % 8), W - 9 - 2 * (int)(frame % 8),
                     H - 9 - 2 * (int)(frame % 8)); /* pulsing frame */
      XSetForeground(dpy, gc, 0xFFFFFF);
      char line[160];
      snprintf(line, sizeof line, "%s  -  frame %ld  cpu %ld%%  mem %ld MiB", title, frame, cpu, allocated);
      XDrawString(dpy, back, gc, 20, 30, line, (int)strlen(line));
      XCopyArea(dpy, back, win, gc, 0, 0, W, H, 0, 0);
      XFlush(dpy);
      next_frame += 1.0 / 30;
      if (next_frame < t_now) next_frame = t_now + 1.0 / 30;
    }
    /* Sleep until the next frame or an X event; a signal interrupts it. */
    double wait = next_frame - now_s();
    if (wait < 0) wait = 0;
    struct timeval tv = {(time_t)wait, (suseconds_t)((wait - (time_t)wait) * 1e6)};
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(xfd, &fds);
    if (select(xfd + 1, &fds, NULL, NULL, &tv) < 0 && errno != EINTR) break;
  }
  printf("demo: closing\n");
  fflush(stdout);
  XCloseDisplay(dpy);
  return 0;
}
