// Picture benchmark: `npm run bench:picture` (node --import tsx bench/picture.bench.ts).
//
// One watched session's cost, as CPU ms per second at one frame a second (= CPU ms per frame), of
// the same 640x360 window (a colour-filled X11 program built here) on the X server, in the same run:
//   (a) the anchor: `xwd -id <window> | convert xwd:- png:-` (a process start or three per frame);
//   (b) the app's picture: one long-lived X connection, the game's window found by its client's
//       pid (X-Resource), GetImage, blackout of other clients, 320 px thumbnail, PNG by node's zlib;
//   (b') (b) with the full-size PNG a screenshot makes, for comparison.
// CPU is user + system time: this process's for (b), the waited-for children's for (a).
// Goal: (b)/(a) <= 0.5. Figures only: no assertions, exit code 0.
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCookie, parseXauthority } from '../src/main/display/xauthority';
import { openPictureSource, thumbnailPng } from '../src/main/pictures/picture-source';
import { encodePng } from '../src/main/pictures/png';
import { buildColourWindow, startColourWindow } from '../src/main/test-support/colour-window';

const FRAMES = 30;
const GOAL_RATIO = 0.5;
const DISPLAY = process.env.DISPLAY ?? ':42';
const XAUTHORITY = process.env.XAUTHORITY ?? '/tmp/dillinger-ci.xauth';
const TICKS_PER_MS = 100 / 1000; // /proc's clock ticks (USER_HZ 100)

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'latin1').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_MS; // cutime, cstime
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'dillinger-bench-picture-'));
  const env = { ...process.env, DISPLAY, XAUTHORITY };
  const game = startColourWindow(buildColourWindow(work), { display: DISPLAY, xauthority: XAUTHORITY, colour: 0x3366cc, rect: { x: 20, y: 20, width: 640, height: 360 } });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const info = execFileSync('xwininfo', ['-name', 'colour-window'], { env }).toString();
    const windowId = /Window id: (0x[0-9a-f]+)/.exec(info)![1]!;
    const number = DISPLAY.slice(1).split('.')[0]!;
    const cookie = findCookie(parseXauthority(readFileSync(XAUTHORITY)), number, hostname())!.data;

    const anchorStart = childrenCpuMs();
    for (let i = 0; i < FRAMES; i += 1) execSync(`xwd -silent -id ${windowId} | convert xwd:- png:- > /dev/null`, { env });
    const anchor = (childrenCpuMs() - anchorStart) / FRAMES;

    const source = await openPictureSource({ socketPath: `/tmp/.X11-unix/X${number}`, cookie, scope: 'game-windows', gamePids: async () => new Set([game.pid!]) });
    const measure = async (encode: (image: NonNullable<Awaited<ReturnType<typeof source.grab>>>) => Buffer) => {
      await source.grab(); // warm-up: the JIT, the first connection's replies
      const start = ownCpuMs();
      for (let i = 0; i < FRAMES; i += 1) encode((await source.grab())!);
      return (ownCpuMs() - start) / FRAMES;
    };
    const thumbnail = await measure(thumbnailPng);
    const fullSize = await measure((image) => encodePng(image));
    source.close();

    console.log(`picture of a 640x360 window on ${DISPLAY}, ${FRAMES} frames each; CPU ms per second per watched session (1 frame/s):`);
    console.log(`  (a)  anchor, xwd | convert to PNG:         ${anchor.toFixed(2)} ms`);
    console.log(`  (b)  app, 320 px thumbnail PNG:            ${thumbnail.toFixed(2)} ms`);
    console.log(`  (b') app, full-size PNG (a screenshot):    ${fullSize.toFixed(2)} ms`);
    const ratio = thumbnail / anchor;
    console.log(`ratio (b)/(a): ${ratio.toFixed(3)} (goal <= ${GOAL_RATIO}) ${ratio <= GOAL_RATIO ? 'OK' : 'OVER GOAL'}`);
    console.log(`ratio (b')/(a): ${(fullSize / anchor).toFixed(3)}`);
    console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    game.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
