// Two small X11 programs for the display-isolation tests, built here with gcc: a probe run as a
// Linux "game" inside the container (what it can see of its display: the root's size, the root's
// named children, and every key it can learn of, by XQueryKeymap polls and XInput raw key events),
// and a typist run on the host, which focuses another client's window and types into it with XTest.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROBE_TITLE = 'Dillinger Display Probe';

const PROBE_C = String.raw`#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XInput2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) {
  Display *d = XOpenDisplay(NULL);
  if (!d) { printf("probe: cannot open display\n"); return 2; }
  Window root = DefaultRootWindow(d);
  XWindowAttributes ra; XGetWindowAttributes(d, root, &ra);
  printf("probe: root %dx%d\n", ra.width, ra.height);
  Window own = XCreateSimpleWindow(d, root, 0, 0, 120, 80, 0, 0, 0x3366cc);
  XStoreName(d, own, "${PROBE_TITLE}");
  XMapWindow(d, own);
  int xi = 0, ev, err, major = 2, minor = 0;
  if (XQueryExtension(d, "XInputExtension", &xi, &ev, &err) && XIQueryVersion(d, &major, &minor) == Success) {
    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {0};
    XIEventMask mask = { XIAllMasterDevices, sizeof bits, bits };
    XISetMask(bits, XI_RawKeyPress);
    XISelectEvents(d, root, &mask, 1);
  } else xi = -1;
  XSync(d, False);
  Window r, p, *kids = NULL; unsigned int n = 0;
  if (XQueryTree(d, root, &r, &p, &kids, &n)) {
    for (unsigned int i = 0; i < n; i++) { char *name = NULL; if (XFetchName(d, kids[i], &name) && name) { printf("probe: window \"%s\"\n", name); XFree(name); } }
    if (kids) XFree(kids);
  }
  printf("probe: ready xinput=%d\n", xi);
  fflush(stdout);
  int raw = 0, held = 0;
  for (int tick = 0; tick < 1200; tick++) {
    char keys[32]; XQueryKeymap(d, keys);
    for (int i = 0; i < 32; i++) if (keys[i]) { held++; break; }
    while (XPending(d)) {
      XEvent e; XNextEvent(d, &e);
      if (e.type == GenericEvent && e.xcookie.extension == xi && XGetEventData(d, &e.xcookie)) {
        if (e.xcookie.evtype == XI_RawKeyPress) raw++;
        XFreeEventData(d, &e.xcookie);
      }
    }
    if (tick % 10 == 0) { printf("probe: tick %d raw-keys %d keymap-held %d\n", tick / 10, raw, held); fflush(stdout); }
    usleep(50000);
  }
  return 0;
}
`;

const TYPIST_C = String.raw`#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
/* typist TITLE: focuses the top-level window named TITLE and types ten 'a's into it, each held 200 ms. */
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  Display *d = XOpenDisplay(NULL);
  if (!d) return 3;
  Window r, p, *kids = NULL, target = 0; unsigned int n = 0;
  XQueryTree(d, DefaultRootWindow(d), &r, &p, &kids, &n);
  for (unsigned int i = 0; i < n && !target; i++) { char *name = NULL; if (XFetchName(d, kids[i], &name) && name) { if (!strcmp(name, argv[1])) target = kids[i]; XFree(name); } }
  if (!target) { fprintf(stderr, "typist: no window %s\n", argv[1]); return 4; }
  XSetInputFocus(d, target, RevertToParent, CurrentTime);
  KeyCode a = XKeysymToKeycode(d, XK_a);
  for (int i = 0; i < 10; i++) {
    XTestFakeKeyEvent(d, a, True, CurrentTime); XFlush(d); usleep(200000);
    XTestFakeKeyEvent(d, a, False, CurrentTime); XFlush(d); usleep(50000);
  }
  XSync(d, False);
  printf("typist: typed 10 keys into 0x%lx\n", target);
  return 0;
}
`;

/** Builds both into `dir`: `probe` (the game) and `typist` (host side). */
export function buildDisplayProbes(dir: string): { probe: string; typist: string } {
  writeFileSync(join(dir, 'probe.c'), PROBE_C);
  writeFileSync(join(dir, 'typist.c'), TYPIST_C);
  const probe = join(dir, 'probe');
  const typist = join(dir, 'typist');
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', probe, join(dir, 'probe.c'), '-lXi', '-lX11']);
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', typist, join(dir, 'typist.c'), '-lXtst', '-lX11']);
  return { probe, typist };
}

/** What the probe said: the root's size, the windows it saw at start, the last tick's key counts. */
export interface ProbeReport {
  root?: string;
  windows: string[];
  ready: boolean;
  tick: number;
  rawKeys: number;
  keymapHeld: number;
}

export function readProbe(log: string): ProbeReport {
  const ticks = [...log.matchAll(/probe: tick (\d+) raw-keys (\d+) keymap-held (\d+)/g)];
  const last = ticks[ticks.length - 1];
  return {
    ...(/probe: root (\d+x\d+)/.exec(log) ? { root: /probe: root (\d+x\d+)/.exec(log)![1]! } : {}),
    windows: [...log.matchAll(/probe: window "([^"]*)"/g)].map((m) => m[1]!),
    ready: /probe: ready/.test(log),
    tick: last ? Number(last[1]) : -1,
    rawKeys: last ? Number(last[2]) : 0,
    keymapHeld: last ? Number(last[3]) : 0,
  };
}
