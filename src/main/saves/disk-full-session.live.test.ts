// Issue 12's fault test through a real session: the data dir's saves/ on a small tmpfs (8 MiB), a
// Linux game (built here with gcc) that writes 5 MiB into its home, which fits there, so the
// snapshot at its end (5 MiB more into the object store, same disk) does not. The session ends
// terminated with its record intact; the record says the snapshot failed and why (no space); the
// app warns. Once the game has freed the space (its next session deletes the big file), that
// session's snapshot is made, and the saves it wrote are in it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunnerSession } from '../../shared/model/entities';
import { storeLayout } from '../session-store/layout';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { runsAsRoot } from '../test-support/root-only';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { openGameSaves } from './game-saves';

const engine = await findRealEngine();
const x = findRealXServer();
const canMount = runsAsRoot('The full-disk session test (a small tmpfs mounted as the data dir\'s saves/)');
const cores = useLiveCores();
const GAME = 'disk-filler';

// FILL_MB=n writes n MiB of random bytes to ~/.local/share/filler/big.bin (0 deletes it), then
// increments ~/.local/share/filler/save.dat, as a game saving would.
const FILLER_C = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
  char dir[512], path[600]; const char *home = getenv("HOME"); int n = 0, mb = atoi(getenv("FILL_MB") ? getenv("FILL_MB") : "0");
  snprintf(dir, sizeof dir, "%s/.local", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share/filler", home); mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/big.bin", dir);
  if (mb == 0) unlink(path);
  else {
    FILE *r = fopen("/dev/urandom", "rb"), *f = fopen(path, "wb"); static char buf[1 << 20];
    if (!r || !f) { perror(path); return 3; }
    for (int i = 0; i < mb; i++) { if (fread(buf, 1, sizeof buf, r) != sizeof buf || fwrite(buf, 1, sizeof buf, f) != sizeof buf) { perror(path); return 4; } }
    fflush(f); fsync(fileno(f)); fclose(f); fclose(r);
  }
  snprintf(path, sizeof path, "%s/save.dat", dir);
  FILE *f = fopen(path, "r"); if (f) { if (fscanf(f, "%d", &n) != 1) n = 0; fclose(f); }
  f = fopen(path, "w"); if (!f) { perror(path); return 5; }
  fprintf(f, "%d\n", n + 1); fflush(f); fsync(fileno(f)); fclose(f);
  printf("saved %d with %d MiB\n", n + 1, mb); fflush(stdout);
  return 0;
}
`;

let dataDir = '';
let savesMount = '';
beforeAll(() => {
  if (!canMount || !engine.available || !x.available) return;
  dataDir = mkdtempSync(join(tmpdir(), 'dillinger-full-session-'));
  savesMount = join(dataDir, 'saves');
  mkdirSync(savesMount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', savesMount]);
  const folder = join(dataDir, 'library', GAME);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'filler.c'), FILLER_C);
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', join(folder, 'filler'), join(folder, 'filler.c')]);
  chmodSync(join(folder, 'filler'), 0o755);
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME, title: 'Disk filler', platforms: [{ platform: 'linux', executable: 'filler' }] }));
});
afterAll(() => {
  if (savesMount) execFileSync('umount', [savesMount]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function play(live: LiveCore, fillMb: number): Promise<RunnerSession> {
  await untilInLibrary(live, GAME);
  const request = { gameId: GAME, userId: 'user_tester', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: { FILL_MB: String(fillMb) } } };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 120_000);
  expect(ended, ended.statusReason).toMatchObject({ status: 'terminated', exitCode: 0 });
  // The snapshot is taken after the record is final; its outcome is written on the record then.
  let last = ended;
  await until(async () => (last = await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId })).savesSnapshot !== undefined, 60_000, `the saves snapshot of ${session.sessionId} on its record`);
  return last;
}

/** The record as its history file holds it: parsed by the schema, so a torn or invalid file fails here. */
function recordOnDisk(session: RunnerSession): RunnerSession {
  const file = storeLayout(dataDir).historyFile(session.sessionId, session.endTime, new Date());
  return RunnerSession.parse(JSON.parse(readFileSync(file, 'utf8')));
}

describe.skipIf(!canMount || !engine.available || !x.available)('a disk that fills up during the snapshot at a session end', () => {
  it('keeps the record intact and says on it that the snapshot failed (no space), warns; the next session after freeing space is snapshotted', async () => {
    const live = await cores.start(coreOptions(dataDir, x));
    const saves = openGameSaves({ dataDir });

    const full = await play(live, 5);
    expect(full.savesSnapshot).toMatchObject({ status: 'failed' });
    expect(full.savesSnapshot?.error).toBe(`The disk holding ${dataDir} is full: free some space; the previous snapshots are intact.`);
    const { savesSnapshot, ...rest } = recordOnDisk(full);
    expect({ ...rest, savesSnapshot }).toEqual(full);
    expect(rest).toMatchObject({ status: 'terminated', exitCode: 0, gameId: GAME });
    const info = await live.call<{ warnings: string[] }>('app.info');
    const warning = info.warnings.find((w) => w.includes(`could not be snapshotted after session ${full.sessionId}`));
    expect(warning).toContain(`${full.savesSnapshot?.error} Its saves are still in ${join(savesMount, GAME, 'home')}; free some disk space`);
    expect(await saves.list(GAME)).toEqual([]);
    // The game's saves themselves are there: only the snapshot of them failed.
    const home = join(savesMount, GAME, 'home');
    expect(readFileSync(join(home, '.local/share/filler/save.dat'), 'utf8')).toBe('1\n');

    const freed = await play(live, 0); // the game deletes its big file: the disk has room again
    expect(freed.savesSnapshot).toMatchObject({ status: 'created', filesChanged: 1 });
    const list = await saves.list(GAME);
    expect(list.map((s) => s.id)).toEqual([freed.savesSnapshot?.snapshotId]);
    expect(list[0]).toMatchObject({ reason: { kind: 'session-end', sessionId: freed.sessionId }, totals: { files: 1 } });
    expect(readFileSync(join(home, '.local/share/filler/save.dat'), 'utf8')).toBe('2\n');
    expect(recordOnDisk(freed)).toEqual(freed);
    await cores.expectCleanClose(live);
  }, 600_000);
});
