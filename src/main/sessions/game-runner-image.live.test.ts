// A game that names its own runner image, for real: an image built here FROM dillinger-runner:local
// (it inherits the contract label) plays the Linux demo in a container of that image; a foreign
// image (Debian's own, no contract label) and one the engine does not have are refused by
// launch.validate and fail the launch with failureKind runner-image, saying what to do. Neither is
// ever pulled or built by the app.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, useLiveCores } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const OWN = `dillinger-test-own-runner:${randomBytes(4).toString('hex')}`;
const MISSING = `dillinger-test-missing-runner:${randomBytes(4).toString('hex')}`;
/** A Debian image the machine has (provision makes bookworm; the trixie runner's base may be there too). */
const FOREIGN = ['debian:trixie-slim', 'debian:bookworm-slim'].find((image) => {
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

afterAll(() => {
  // Only the image this test built; never the base images.
  try {
    execFileSync('docker', ['image', 'rm', OWN], { stdio: 'ignore' });
  } catch {
    // never built (skipped, or failed before)
  }
});

const withImage = (runnerImage: string) => {
  const request = launchRequest(LINUX_DEMO, { environment: { DEMO_EXIT_AFTER: '8' } });
  return { ...request, launchConfig: { ...request.launchConfig, runnerImage } };
};

describe.skipIf(!engine.available || !x.available)("a game's own runner image", () => {
  it('plays the game in an image built FROM the runner, and refuses a foreign or missing image with what to do', async () => {
    if (!FOREIGN) throw new Error('No debian:bookworm-slim or debian:trixie-slim on this machine: run scripts/provision.sh');
    const live = await cores.start(coreOptions(tempDir(), x)); // builds (or checks) dillinger-runner:local
    execFileSync('docker', ['build', '--network', 'none', '-t', OWN, '-'], { input: 'FROM dillinger-runner:local\nLABEL dillinger.test.own-runner="yes"\n', stdio: ['pipe', 'ignore', 'pipe'] });

    const validated = await live.call<{ ok: boolean }>('launch.validate', { request: withImage(OWN) });
    expect(validated.ok).toBe(true);
    const preview = await live.call<{ container: { image: string } }>('launch.preview', { request: withImage(OWN) });
    expect(preview.container.image).toBe(OWN);
    const played = await live.call<RunnerSession>('sessions.launch', { request: withImage(OWN) });
    const running = await live.waitFor(played.sessionId, ['running', ...ENDED], 120_000);
    // The demo plays for 8 s: long enough to ask the engine which image its container runs.
    expect((await live.docker.getContainer(running.containerId).inspect()).Config.Image).toBe(OWN);
    const ended = await live.waitFor(played.sessionId, ENDED, 120_000);
    const log = (await live.call<{ text: string }>('sessions.logs', { sessionId: played.sessionId })).text;
    expect(ended, log).toMatchObject({ status: 'terminated', exitCode: 0 });

    for (const [image, says] of [
      [FOREIGN, /is not a Dillinger runner \(it has no dillinger\.runner\.contract label\).*FROM dillinger-runner:local/],
      [MISSING, /is not on this machine.*docker build -t .*docker load/],
    ] as const) {
      const refused = await live.call<{ ok: boolean; problems: Array<{ path: string; message: string }> }>('launch.validate', { request: withImage(image) });
      expect(refused).toMatchObject({ ok: false, problems: [{ path: 'launchConfig.runnerImage', message: expect.stringMatching(says) }] });
      const session = await live.call<RunnerSession>('sessions.launch', { request: withImage(image) });
      const failed = await live.waitFor(session.sessionId, ENDED, 60_000);
      expect(failed).toMatchObject({ status: 'failed', failureKind: 'runner-image', statusReason: expect.stringMatching(says) });
    }
    // Nothing was pulled: the missing image is still missing.
    expect(() => execFileSync('docker', ['image', 'inspect', MISSING], { stdio: 'ignore' })).toThrow();
    await cores.expectCleanClose(live);
  }, 900_000);
});
