// Through the core, the proof: a Linux program (built here with gcc) that reads a counter
// from ~/.local/share/counter/save.dat, increments it, writes it and exits reads 3 after three
// sessions, one of them force-stopped (SIGKILL) while it waits after writing, one after an app
// restart (a new core on the same data dir); each ended session left a snapshot of the home.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { openGameSaves } from './game-saves';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const GAME = 'save-counter';
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

// With COUNTER_WAIT=1 it waits after writing (until the session is stopped).
const COUNTER_C = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
  char dir[512], path[600]; const char *home = getenv("HOME"); int n = 0;
  snprintf(dir, sizeof dir, "%s/.local", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share/counter", home); mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/save.dat", dir);
  FILE *f = fopen(path, "r"); if (f) { if (fscanf(f, "%d", &n) != 1) n = 0; fclose(f); }
  f = fopen(path, "w"); if (!f) { perror(path); return 3; }
  fprintf(f, "%d\n", n + 1); fflush(f); fsync(fileno(f)); fclose(f);
  printf("counter %d\n", n + 1); fflush(stdout);
  if (getenv("COUNTER_WAIT")) for (;;) pause();
  return 0;
}
`;

function addCounterGame(dataDir: string): void {
  const folder = join(dataDir, 'library', GAME);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'counter.c'), COUNTER_C);
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', join(folder, 'counter'), join(folder, 'counter.c')]);
  chmodSync(join(folder, 'counter'), 0o755);
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME, title: 'Save counter', platforms: [{ platform: 'linux', executable: 'counter' }] }));
}

async function play(live: LiveCore, environment: Record<string, string>, end: (session: RunnerSession) => Promise<void>): Promise<RunnerSession> {
  await untilInLibrary(live, GAME);
  const request = { gameId: GAME, userId: 'user_tester', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment } };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  await end(session);
  return live.waitFor(session.sessionId, ENDED, 120_000);
}

const toEnd = async (): Promise<void> => undefined;

describe.skipIf(!engine.available || !x.available)('a Linux game\'s save through the core', () => {
  it('reads 3 after three sessions (one force-stopped, one after an app restart), each leaving a snapshot', async () => {
    const dataDir = tempDir();
    addCounterGame(dataDir);
    let live = await cores.start(coreOptions(dataDir, x));
    expect(await play(live, {}, toEnd)).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(readFileSync(join(dataDir, 'saves', GAME, 'home/.local/share/counter/save.dat'), 'utf8')).toBe('1\n');
    const killed = await play(live, { COUNTER_WAIT: '1' }, async (session) => {
      const logs = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
      let seen = '';
      await until(async () => /counter 2/.test((seen = await logs())), 120_000, () => `the second session to write 2 (its log: ${seen})`);
      await live.call('sessions.stop', { sessionId: session.sessionId, force: true });
    });
    expect(killed.status).not.toBe('failed');
    const saves = openGameSaves({ dataDir });
    await until(async () => (await saves.list(GAME)).length === 2, 30_000, 'a snapshot for each of the first two sessions');
    await cores.expectCleanClose(live);
    live = await cores.start(coreOptions(dataDir, x)); // the app restarted on the same data dir
    const third = await play(live, {}, toEnd);
    expect(third).toMatchObject({ status: 'terminated', exitCode: 0 });
    const text = (await live.call<{ text: string }>('sessions.logs', { sessionId: third.sessionId })).text;
    expect(text).toContain('counter 3');
    await until(async () => (await saves.list(GAME)).length === 3, 30_000, 'a snapshot for each ended session');
    const home = await saves.ensureHome(GAME);
    expect(readFileSync(join(home, '.local/share/counter/save.dat'), 'utf8')).toBe('3\n');
    await cores.expectCleanClose(live);
  }, 900_000);
});
