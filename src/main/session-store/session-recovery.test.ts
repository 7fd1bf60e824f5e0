// What the store finds on open after crashes, hand edits and disk trouble. Files are planted with
// plain fs writes, exactly as a crash or a person would leave them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunnerSession } from '../../shared/model/entities';
import { storeLayout, type StoreLayout } from './layout';
import { openSessionStore, type SessionStore } from './session-store';
import { filesUnder, makeTempDataDir, removeDataDir, sampleSession } from '../test-support/sample-sessions';

const NOW = new Date('2025-11-05T12:00:00.000Z');
let dataDir: string;
let layout: StoreLayout;
let logged: string[];
let store: SessionStore | undefined;

beforeEach(() => {
  dataDir = makeTempDataDir('session-recovery-');
  layout = storeLayout(dataDir);
  for (const dir of [layout.activeDir, layout.historyDir]) mkdirSync(dir, { recursive: true });
  logged = [];
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  removeDataDir(dataDir);
});

async function open(): Promise<SessionStore> {
  store = await openSessionStore({
    dataDir,
    now: () => NOW,
    log: { warn: (m) => logged.push(`warn: ${m}`), info: (m) => logged.push(`info: ${m}`) },
  });
  return store;
}

function plant(file: string, content: unknown): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const finished = (overrides: Partial<RunnerSession> = {}) =>
  sampleSession({ status: 'terminated', endTime: '2025-10-29T15:00:00Z', ...overrides });
const inHistory = (day: string, session: RunnerSession) => join(layout.historyDir, day, `${session.sessionId}.json`);
const quarantined = () => readdirSync(layout.quarantineDir).sort();

describe('opening a store', () => {
  it('creates its folders in an empty data dir', async () => {
    const opened = await open();
    for (const dir of [layout.activeDir, layout.historyDir, layout.metricsDir, layout.quarantineDir]) {
      expect(existsSync(dir)).toBe(true);
    }
    expect(opened.sessionIds()).toEqual([]);
    expect(opened.warnings).toEqual([]);
  });

  it('says which folder it could not create, and why, instead of a bare errno', async () => {
    const notAFolder = join(dataDir, 'file');
    writeFileSync(notAFolder, '');
    await expect(openSessionStore({ dataDir: notAFolder, log: { warn: () => undefined } })).rejects.toThrow(
      /Cannot open the session store in .*file.runner-sessions: .*ENOTDIR.*Check that this folder can be created/,
    );
  });

  it('quarantines garbage with its reason, keeps every byte, and opens with the good sessions', async () => {
    const good = sampleSession({ status: 'running' });
    const goodDone = finished();
    plant(layout.activeFile(good.sessionId), good);
    plant(inHistory('2025-10-29', goodDone), goodDone);

    const wrongName = sampleSession();
    const unfinished = sampleSession({ status: 'running' });
    const bad = {
      torn: plant(join(layout.activeDir, 'sess_11111111-1111-1111-1111-111111111111.json'), '{"sessionId": "sess_1111'),
      schema: plant(inHistory('2025-10-29', finished({ sessionId: 'sess_22222222-2222-2222-2222-222222222222' })), {
        ...finished({ sessionId: 'sess_22222222-2222-2222-2222-222222222222' }),
        status: 'exploded',
      }),
      misnamed: plant(join(layout.activeDir, 'sess_33333333-3333-3333-3333-333333333333.json'), wrongName),
      notJson: plant(join(layout.activeDir, 'notes.txt'), 'hello'),
      stray: plant(join(layout.historyDir, 'stray.json'), goodDone),
      unfinished: plant(inHistory('2025-10-30', unfinished), unfinished),
      secondCopy: plant(inHistory('2025-10-31', goodDone), goodDone),
    };
    const folder = join(layout.historyDir, '2025-10-29', 'sess_55555555-5555-5555-5555-555555555555.json');
    mkdirSync(folder);
    const fifo = join(layout.historyDir, '2025-10-29', 'sess_66666666-6666-6666-6666-666666666666.json');
    execFileSync('mkfifo', [fifo]);
    const originalBytes = Object.fromEntries(Object.entries(bad).map(([k, f]) => [k, readFileSync(f, 'utf8')]));

    const opened = await open();
    expect(new Set(opened.sessionIds())).toEqual(new Set([good.sessionId, goodDone.sessionId]));
    expect(opened.get(wrongName.sessionId)).toBeUndefined();

    const reasonOf = (file: string) => opened.warnings.find((w) => w.file === file)?.reason;
    expect(reasonOf(bad.torn)).toMatch(/is not valid JSON .*cut short by a crash/);
    expect(reasonOf(bad.schema)).toMatch(/is not a valid RunnerSession: status:/);
    expect(reasonOf(bad.misnamed)).toMatch(
      new RegExp(`holds session ${wrongName.sessionId} but is named sess_3333.*should be named ${wrongName.sessionId}\\.json`),
    );
    expect(reasonOf(bad.notJson)).toMatch(/a file the store did not write/);
    expect(reasonOf(bad.stray)).toMatch(/only hold YYYY-MM-DD folders/);
    expect(reasonOf(bad.unfinished)).toMatch(/status 'running', but history\/ only holds finished sessions/);
    expect(reasonOf(bad.secondCopy)).toMatch(/another copy of session .*the copy in .*2025-10-29.* was kept because .*day folder of its endTime/);
    expect(reasonOf(folder)).toBe('is a folder the store did not write');
    // A named pipe must not hang the start: it is refused and set aside like any unreadable file.
    expect(reasonOf(fifo)).toMatch(/could not be read: (ESPIPE|EAGAIN)/);
    expect(opened.warnings).toHaveLength(9);
    expect(logged.filter((m) => m.startsWith('warn: '))).toHaveLength(9);

    for (const [key, file] of Object.entries(bad)) {
      expect(existsSync(file), key).toBe(false);
      const warning = opened.warnings.find((w) => w.file === file);
      expect(warning?.movedTo, key).toMatch(/^.*quarantine.2025-11-05T12-00-00\.000Z-/);
      expect(readFileSync(warning?.movedTo ?? '', 'utf8'), key).toBe(originalBytes[key]);
      expect(readFileSync(`${warning?.movedTo}.reason.txt`, 'utf8'), key).toContain(warning?.reason ?? '');
    }
    expect(quarantined()).toHaveLength(18);

    // Quarantined files stay out of the way: the next open is clean.
    await opened.close();
    expect((await open()).warnings).toEqual([]);
  });

  it('removes the temp files of interrupted writes quietly, and still quarantines look-alikes and strays', async () => {
    const session = sampleSession({ status: 'starting' });
    plant(layout.activeFile(session.sessionId), session);
    const newer = JSON.stringify({ ...session, status: 'running' });
    const tempActive = plant(join(layout.activeDir, `.${session.sessionId}.json.tmp-4242-0123456789ab`), newer.slice(0, 40));
    const tempHistory = plant(join(layout.historyDir, '2025-10-29', `.${session.sessionId}.json.tmp-4242-ba9876543210`), newer);
    // Not what atomic-file.ts writes: another suffix, another target, an unknown file.
    const lookAlike = plant(join(layout.activeDir, `.${session.sessionId}.json.tmp-4242-abc`), newer);
    const otherTarget = plant(join(layout.activeDir, '.notes.txt.tmp-4242-0123456789ab'), 'notes');
    const unknown = plant(join(layout.historyDir, '2025-10-29', 'notes.txt'), 'hello');

    const opened = await open();
    expect(opened.get(session.sessionId)?.status).toBe('starting');
    expect(existsSync(tempActive)).toBe(false);
    expect(existsSync(tempHistory)).toBe(false);
    expect(opened.warnings.map((w) => w.file).sort()).toEqual([lookAlike, otherTarget, unknown].sort());
    const warned = logged.filter((m) => m.startsWith('warn: ')).join('\n');
    expect(warned).not.toContain(tempActive);
    expect(warned).not.toContain(tempHistory);
    expect(logged.filter((m) => m.startsWith('warn: '))).toHaveLength(3);
    expect(filesUnder(layout.activeDir)).toEqual([`${session.sessionId}.json`]);
    expect(filesUnder(join(layout.historyDir, '2025-10-29'))).toEqual([]);
    const kept = quarantined().filter((name) => !name.endsWith('.reason.txt'));
    expect(kept.map((name) => readFileSync(join(layout.quarantineDir, name), 'utf8')).sort()).toEqual([newer, 'notes', 'hello'].sort());
  });
});

describe('copies of one finished session', () => {
  // The real record ended on the 31st with an exit code; a stray older copy (a restored backup, a
  // hand edit) ended earlier and knows less. Whichever day folder each sits in, the real one wins.
  const real = finished({ endTime: '2025-10-31T10:00:00Z', exitCode: 0, statusReason: 'The game exited.' });
  const stray = { ...real, endTime: '2025-10-30T09:00:00Z', exitCode: undefined, statusReason: undefined };

  it.each([
    ['an earlier day folder', '2025-10-29'],
    ['a later day folder', '2025-11-02'],
  ])('keeps the record that ended later when a stray older copy is in %s, and quarantines the stray', async (_where, strayDay) => {
    const realFile = plant(inHistory('2025-10-31', real), real);
    const strayFile = plant(inHistory(strayDay, real), stray);
    const strayBytes = readFileSync(strayFile, 'utf8');

    const opened = await open();
    expect(opened.get(real.sessionId)).toEqual(real);
    expect(existsSync(realFile)).toBe(true);
    expect(existsSync(strayFile)).toBe(false);
    expect(opened.warnings).toHaveLength(1);
    expect(opened.warnings[0]?.file).toBe(strayFile);
    expect(opened.warnings[0]?.reason).toMatch(
      new RegExp(`another copy of session ${real.sessionId}; the copy in .*2025-10-31.* was kept because it ended later .*put it back`),
    );
    expect(readFileSync(opened.warnings[0]?.movedTo ?? '', 'utf8')).toBe(strayBytes);
  });

  it.each([
    ['an earlier day folder', '2025-10-29'],
    ['a later day folder', '2025-11-02'],
  ])('keeps the more complete of two copies that ended at the same time, the other in %s', async (_where, strayDay) => {
    const poorer = { ...real, exitCode: undefined, statusReason: undefined };
    plant(inHistory('2025-10-31', real), real);
    const strayFile = plant(inHistory(strayDay, real), poorer);

    const opened = await open();
    expect(opened.get(real.sessionId)).toEqual(real);
    expect(opened.warnings.map((w) => w.file)).toEqual([strayFile]);
    expect(opened.warnings[0]?.reason).toMatch(/was kept because it is more complete \(\d+ fields set; this copy: \d+\)/);
  });

  it('of identical copies, keeps the one in its endTime day folder, whatever the order', async () => {
    const early = plant(inHistory('2025-10-29', real), real);
    const home = plant(inHistory('2025-10-31', real), real);
    const late = plant(inHistory('2025-11-02', real), real);

    const opened = await open();
    expect(opened.get(real.sessionId)).toEqual(real);
    expect(existsSync(home)).toBe(true);
    expect(opened.warnings.map((w) => w.file).sort()).toEqual([early, late].sort());
  });

  it('keeps a finished active copy that ended later than the history copy, and files it under history/', async () => {
    const historyFile = plant(inHistory('2025-10-30', real), stray);
    const activeFile = plant(layout.activeFile(real.sessionId), real);

    const opened = await open();
    expect(opened.get(real.sessionId)).toEqual(real);
    expect(existsSync(activeFile)).toBe(false);
    expect(JSON.parse(readFileSync(inHistory('2025-10-31', real), 'utf8'))).toEqual(real);
    expect(opened.warnings.map((w) => w.file)).toEqual([historyFile]);
    expect(opened.warnings[0]?.reason).toMatch(/the copy in .*active.* was kept because it ended later/);
  });

  it('quarantines a finished active copy that is older than the history copy, instead of deleting it', async () => {
    plant(inHistory('2025-10-31', real), real);
    const activeFile = plant(layout.activeFile(real.sessionId), stray);

    const opened = await open();
    expect(opened.get(real.sessionId)).toEqual(real);
    expect(opened.warnings.map((w) => w.file)).toEqual([activeFile]);
    expect(readFileSync(opened.warnings[0]?.movedTo ?? '', 'utf8')).toBe(JSON.stringify(stray));
  });
});

describe('finishing interrupted moves to history', () => {
  it('lets the history copy win when a session is in both active/ and history/, and removes the older active copy', async () => {
    const running = sampleSession({ status: 'stopping' });
    const done = { ...running, status: 'terminated' as const, endTime: '2025-10-29T15:00:00Z' };
    const active = plant(layout.activeFile(running.sessionId), running);
    plant(inHistory('2025-10-29', done), done);

    const opened = await open();
    expect(opened.get(running.sessionId)).toEqual(done);
    expect(existsSync(active)).toBe(false);
    expect(opened.warnings).toEqual([]);
    expect(logged.join('\n')).toMatch(/info: .*removed .*had already finished/);
  });

  it('moves a finished session found in active/ to history/, under its endTime day', async () => {
    const done = finished({ endTime: '2025-10-30T23:59:59-02:00' });
    const active = plant(layout.activeFile(done.sessionId), done);

    const opened = await open();
    expect(existsSync(active)).toBe(false);
    expect(JSON.parse(readFileSync(inHistory('2025-10-31', done), 'utf8'))).toEqual(done);
    expect(opened.get(done.sessionId)).toEqual(done);
    expect(opened.toCleanUp()).toEqual([done]);
  });

  it('gives a finished session without endTime the time of its last write, and files it under that day', async () => {
    const crashed = sampleSession({ status: 'crashed' });
    const active = plant(layout.activeFile(crashed.sessionId), crashed);
    const lastWrite = new Date('2025-10-20T08:00:00.000Z');
    utimesSync(active, lastWrite, lastWrite);

    const opened = await open();
    const expected = { ...crashed, endTime: lastWrite.toISOString() };
    expect(opened.get(crashed.sessionId)).toEqual(expected);
    expect(JSON.parse(readFileSync(inHistory('2025-10-20', crashed), 'utf8'))).toEqual(expected);
    expect(filesUnder(layout.activeDir)).toEqual([]);
  });
});
