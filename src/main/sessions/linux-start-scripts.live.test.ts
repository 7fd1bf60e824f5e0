// A Linux game's start script without its x bit, for real, in the places stores put it: run by the
// interpreter its #! line names (here `#!/usr/bin/env bash`), in the game's own folder even when
// the script lies in a subfolder, or in game.json's workingDirectory; one whose interpreter the
// runner image lacks ends with exit 126 and a line that names it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const SAYS_CWD = '#!/usr/bin/env bash\necho "script: cwd=$PWD shell=${BASH_VERSION:+bash}"\n';

/** A game whose only file is a 0644 script at `script`, with game.json's extra launch fields. */
async function addScriptGame(live: LiveCore, id: string, script: string, text: string, launch: Record<string, unknown> = {}): Promise<void> {
  const folder = join(live.core.dataDir, 'library', id);
  mkdirSync(join(folder, script, '..'), { recursive: true });
  mkdirSync(join(folder, 'data'), { recursive: true });
  writeFileSync(join(folder, script), text, { mode: 0o644 });
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id, title: id, platforms: [{ platform: 'linux', executable: script, ...launch }] }));
  await untilInLibrary(live, id);
}

async function play(live: LiveCore, gameId: string): Promise<{ ended: RunnerSession; log: string }> {
  const request = { gameId, userId: 'user_tester', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} } };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  const ended = await live.waitFor(session.sessionId, ENDED, 120_000);
  return { ended, log: (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text };
}

describe.skipIf(!engine.available || !x.available)('Linux start scripts without their x bit', () => {
  it("run under their #! interpreter in the game's folder or its workingDirectory; a missing interpreter is named", async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    await addScriptGame(live, 'script-in-subfolder', 'scripts/start.sh', SAYS_CWD);
    await addScriptGame(live, 'script-in-workdir', 'start.sh', SAYS_CWD, { workingDirectory: 'data' });
    await addScriptGame(live, 'script-no-interpreter', 'start.sh', '#!/usr/bin/python9\nprint("never")\n');

    const inFolder = await play(live, 'script-in-subfolder');
    expect(inFolder.ended, inFolder.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(inFolder.log).toContain('script: cwd=/library/script-in-subfolder shell=bash\n');

    const inWorkdir = await play(live, 'script-in-workdir');
    expect(inWorkdir.ended, inWorkdir.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(inWorkdir.log).toContain('script: cwd=/library/script-in-workdir/data shell=bash\n');

    const missing = await play(live, 'script-no-interpreter');
    expect(missing.ended, missing.log).toMatchObject({ exitCode: 126 });
    expect(missing.log).toMatch(/start\.sh: its #! line names \/usr\/bin\/python9, which this runner image does not have: choose a runner image that has it/);
    await cores.expectCleanClose(live);
  }, 600_000);
});
