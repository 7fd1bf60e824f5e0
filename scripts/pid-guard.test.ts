// provision.sh runs as root and reads pids from files in folders unprivileged uids own: it signals a
// pid only when /proc says it is the expected program of the expected uid, and only as that uid.
// These run the real helpers (scripts/pid-guard.sh) against real processes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GUARD = join(__dirname, 'pid-guard.sh');
const isRoot = process.getuid?.() === 0;
const me = process.getuid?.() ?? 0;

/** Runs `script` in bash with the helpers sourced; its exit status. */
function guard(script: string, ...args: string[]): number {
  const run = spawnSync('bash', ['-c', `source "$0"; ${script}`, GUARD, ...args], { encoding: 'utf8' });
  return run.status ?? -1;
}

let dir: string;
const children: ChildProcess[] = [];

/** A process whose comm is `name` (a copy of sleep under that name), as `uid` when given (root only). */
async function processNamed(name: string, uid?: number): Promise<number> {
  const program = join(dir, name);
  if (!existsSync(program)) {
    copyFileSync('/bin/sleep', program);
    chmodSync(program, 0o755);
  }
  const child = uid === undefined
    ? spawn(program, ['600'], { stdio: 'ignore' })
    : spawn('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', program, '600'], { stdio: 'ignore' });
  children.push(child);
  // Until the exec: the comm is the program's name from then on.
  for (let i = 0; i < 100 && spawnSync('cat', [`/proc/${child.pid}/comm`], { encoding: 'utf8' }).stdout.trim() !== name.slice(0, 15); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child.pid!;
}

function alive(pid: number): boolean {
  return spawnSync('kill', ['-0', String(pid)]).status === 0;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pid-guard-'));
  chmodSync(dir, 0o755);
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('is_program', () => {
  it('accepts the expected program of the expected uid (comm is cut at 15 characters)', async () => {
    const weston = await processNamed('weston');
    expect(guard('is_program "$1" "$2" weston', String(weston), String(me))).toBe(0);
    const session = await processNamed('dbus-run-session');
    expect(guard('is_program "$1" "$2" dbus-run-session', String(session), String(me))).toBe(0);
    expect(guard('is_program "$1" "$2" pipewire pulseaudio', String(await processNamed('pulseaudio')), String(me))).toBe(0);
  });

  it('refuses another program, another uid, a dead pid and anything that is no pid', async () => {
    const sleeper = await processNamed('sleep');
    expect(guard('is_program "$1" "$2" weston', String(sleeper), String(me))).toBe(1);
    const weston = await processNamed('weston-other');
    expect(guard('is_program "$1" "$2" weston', String(weston), String(me))).toBe(1);
    expect(guard('is_program "$1" "$2" weston', String(await processNamed('weston')), String(me + 1))).toBe(1);
    const dead = spawnSync('true').pid;
    expect(guard('is_program "$1" "$2" true', String(dead), String(me))).toBe(1);
    for (const forged of ['', 'abc', '1 2', '-1', '0', `${process.pid}; touch ${dir}/owned`, '$(id)', '99999999999999']) {
      expect(guard('is_program "$1" "$2" node weston', forged, String(me)), forged).toBe(1);
    }
  });

  it.runIf(isRoot)('a root process named like the uid\'s program is not that program', async () => {
    const rootWeston = await processNamed('weston');
    expect(guard('is_program "$1" 1500 weston', String(rootWeston))).toBe(1);
    const theirs = await processNamed('pulseaudio', 1000);
    expect(guard('is_program "$1" 0 pulseaudio', String(theirs))).toBe(1);
    expect(guard('is_program "$1" 1000 pulseaudio', String(theirs))).toBe(0);
  });
});

describe.runIf(isRoot)('kill_as', () => {
  it('signals as the uid: reaches that uid\'s processes (and process groups), never root\'s', async () => {
    const rootSleeper = await processNamed('sleep');
    expect(guard('kill_as 1000 "$1" 2>/dev/null', String(rootSleeper))).not.toBe(0);
    expect(guard('kill_as 1000 -- "-$1" 2>/dev/null', String(rootSleeper))).not.toBe(0);
    expect(alive(rootSleeper)).toBe(true);
    const theirs = await processNamed('weston', 1000);
    expect(guard('kill_as 1000 "$1"', String(theirs))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(theirs)).toBe(false);
  });
});

describe('provision.sh', () => {
  it('signals pids from its pid files only through the guard', () => {
    const script = spawnSync('cat', [join(__dirname, 'provision.sh')], { encoding: 'utf8' }).stdout;
    // Every kill of a pid read from a file is kill_as after is_program, or the root PulseAudio after it.
    const kills = script.split('\n').filter((line) => /\bkill\b/.test(line) && !/^\s*#/.test(line) && !/kill -0/.test(line));
    for (const line of kills) expect(line, line).toMatch(/kill_as "\$(WAYLAND|PIPEWIRE)_UID"|kill "\$pulse_pid"/);
    expect(script).toMatch(/is_program "\$weston_pid" "\$WAYLAND_UID" weston/);
    expect(script).toMatch(/is_program "\$pulse_pid" 0 pulseaudio/);
    expect(script).toMatch(/is_program "\$pw_pid" "\$PIPEWIRE_UID" dbus-run-session/);
  });
});
