// A tiny X11 program built here with gcc: one window at a given place and size, filled with one
// colour, until killed. Pictures' live tests look for that colour (and for nothing else).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = `
#include <X11/Xlib.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv) {
  Display *d = XOpenDisplay(NULL);
  if (!d) return 2;
  unsigned long colour = strtoul(argv[1], NULL, 16);
  int x = atoi(argv[2]), y = atoi(argv[3]), w = atoi(argv[4]), h = atoi(argv[5]);
  XSetWindowAttributes a; a.background_pixel = colour; a.override_redirect = True;
  Window win = XCreateWindow(d, DefaultRootWindow(d), x, y, w, h, 0, CopyFromParent, InputOutput,
    CopyFromParent, CWBackPixel | CWOverrideRedirect, &a);
  XStoreName(d, win, "colour-window");
  XMapRaised(d, win);
  XSync(d, False);
  for (;;) { XClearWindow(d, win); XSync(d, False); usleep(100000); }
}
`;

/** Builds the program into `dir` and returns its path. */
export function buildColourWindow(dir: string): string {
  const source = join(dir, 'colour-window.c');
  const binary = join(dir, 'colour-window');
  writeFileSync(source, SOURCE);
  execFileSync('gcc', ['-O2', '-o', binary, source, '-lX11']);
  return binary;
}

export interface ColourWindowOptions {
  display: string;
  xauthority: string;
  /** 0xRRGGBB. */
  colour: number;
  rect: { x: number; y: number; width: number; height: number };
}

export function startColourWindow(binary: string, options: ColourWindowOptions): ChildProcess {
  const { x, y, width, height } = options.rect;
  return spawn(binary, [options.colour.toString(16), String(x), String(y), String(width), String(height)], {
    env: { ...process.env, DISPLAY: options.display, XAUTHORITY: options.xauthority },
    stdio: 'ignore',
  });
}
