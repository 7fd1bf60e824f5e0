// The end of a session snapshots its game's home once; a game never played costs nothing; a
// snapshot that fails is a warning that says what to do, never a thrown error.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSession } from '../test-support/sample-sessions';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { snapshotAtSessionEnd } from './session-end-snapshots';
import { savesLayout } from './saves-layout';

const tempDir = useTempDirs();

describe('snapshotAtSessionEnd', () => {
  it('snapshots the home once when a session ends, not while it runs', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'running' });
    const home = await saves.ensureHome(session.gameId);
    mkdirSync(join(home, '.local/share/game'), { recursive: true });
    writeFileSync(join(home, '.local/share/game/save.dat'), '1\n');
    const warnings: string[] = [];
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => warnings.push(m) });
    await onEnd(session);
    expect(await saves.list(session.gameId)).toHaveLength(0);
    await onEnd({ ...session, status: 'terminated' });
    await onEnd({ ...session, status: 'terminated' });
    const list = await saves.list(session.gameId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ reason: { kind: 'session-end', sessionId: session.sessionId } });
    expect(warnings).toEqual([]);
  });

  it("snapshots a Windows game's prefix user folders beside its home: the app's folder for a volume, the prefix's own for a host folder", async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'terminated' });
    const layout = savesLayout(dataDir, session.gameId);
    mkdirSync(join(layout.prefixUsersDir, 'player/Documents'), { recursive: true });
    writeFileSync(join(layout.prefixUsersDir, 'player/Documents/save.dat'), '1\n');
    const hostPrefix = join(tempDir(), 'prefix');
    mkdirSync(join(hostPrefix, 'drive_c/users/player/AppData/Roaming/Game'), { recursive: true });
    writeFileSync(join(hostPrefix, 'drive_c/users/player/AppData/Roaming/Game/save.dat'), '2\n');
    let prefix: string | undefined = 'dillinger-prefix-volume';
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => expect.fail(m), winePrefixOf: async () => prefix });
    await onEnd(session);
    prefix = hostPrefix;
    await onEnd({ ...session, sessionId: `${session.sessionId}0` });
    const [second, first] = await saves.list(session.gameId);
    expect(first?.roots).toEqual([{ name: 'home', present: false, entries: 0 }, { name: 'users', present: true, entries: 3 }]);
    expect(second?.roots.find((r) => r.name === 'users')?.entries).toBe(5);
  });

  it('costs nothing for a game whose home was never made', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'crashed' });
    await snapshotAtSessionEnd({ dataDir, saves, warn: () => undefined })(session);
    expect(await saves.list(session.gameId)).toEqual([]);
  });

  it('tells a failed snapshot as a warning with what to do', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'terminated' });
    await saves.ensureHome(session.gameId);
    const layout = savesLayout(dataDir, session.gameId);
    mkdirSync(layout.snapshotsDir, { recursive: true });
    writeFileSync(join(layout.gameDir, 'objects'), 'not a folder'); // the store cannot be written
    chmodSync(layout.gameDir, 0o700);
    writeFileSync(join(layout.homeDir, 'save.dat'), '1\n');
    const warnings: string[] = [];
    await snapshotAtSessionEnd({ dataDir, saves, warn: (m) => warnings.push(m) })(session);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not be snapshotted after session ${session.sessionId}`);
    expect(warnings[0]).toContain('free some disk space, then play again');
  });
});
