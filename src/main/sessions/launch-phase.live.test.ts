// A Windows game's first start, for real: Wine makes a new prefix before the game shows. The session
// is announced in the phase 'preparing-prefix' meanwhile, then without it once the game starts (while
// it still runs); a start in the prefix it left has no such phase at all.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, useLiveCores, type LiveCore } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

const TITLE = 'Dillinger Demo (Windows)';

/**
 * Plays the demo in `prefix` until it quits by itself (after a few seconds, so Wine saves the prefix
 * as a game's own end does); answers every announced change of its session.
 */
async function playOnce(live: LiveCore, prefix: string): Promise<RunnerSession[]> {
  const changes: RunnerSession[] = [];
  const unsubscribe = live.core.onEvent((name, payload) => {
    if (name === 'session.changed') changes.push(payload as RunnerSession);
  });
  const request = launchRequest(WINDOWS_DEMO, { winePrefix: prefix, environment: { DEMO_EXIT_AFTER: '3' } });
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 120_000);
  unsubscribe();
  const { text } = await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId });
  expect(ended, text).toMatchObject({ status: 'terminated', exitCode: 0 });
  expect(text).toContain(`demo: started title="${TITLE}"`);
  expect(ended.phase).toBeUndefined();
  return changes.filter((c) => c.sessionId === session.sessionId);
}

describe.skipIf(!engine.available || !x.available)('the launch phase of a Windows game', () => {
  it("is 'preparing-prefix' while Wine makes a new prefix, then absent; a start in that prefix has none", async () => {
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);

    const first = await playOnce(live, prefix);
    const during = first.filter((c) => c.phase === 'preparing-prefix');
    expect(during.length).toBeGreaterThan(0);
    expect(during[0]).toMatchObject({ phaseSince: expect.any(String) });
    expect(Date.parse(during[0]?.phaseSince ?? '')).toBeGreaterThanOrEqual(Date.parse(during[0]?.startTime ?? ''));
    // Announced with the phase, then without it, while the session was still running: not at its end.
    const lastDuring = first.lastIndexOf(during.at(-1) as RunnerSession);
    expect(first.slice(lastDuring + 1)[0]).toMatchObject({ status: 'running' });
    expect(first.slice(lastDuring + 1)[0]?.phase).toBeUndefined();

    const second = await playOnce(live, prefix);
    expect(second.filter((c) => c.phase !== undefined)).toEqual([]);
    await cores.expectCleanClose(live);
  }, 300_000);
});
