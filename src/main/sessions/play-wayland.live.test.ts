// Wayland, for real: a Wayland client in the runner container connects to a real compositor (the
// headless Weston that scripts/provision.sh runs as an unprivileged uid) and lists its globals; a
// game run as another uid is refused at once with a message that says why, never left hanging.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealWayland } from '../test-support/real-wayland';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, useLiveCores } from '../test-support/live-session';
import { buildContainerSpec } from '../container/container-spec';

const engine = await findRealEngine();
const x = findRealXServer(); // the live harness seeds the demos with an X display in its env
const wayland = findRealWayland();
const tempDir = useTempDirs();
const cores = useLiveCores();

const PROBE = 'wayland-probe';
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
/** What the probe "game" does: say who and where it is, then list the compositor's globals. */
const PROBE_SCRIPT = `#!/bin/sh
echo "probe: uid=$(id -u) gid=$(id -g) display=\${DISPLAY:-none} wayland=$WAYLAND_DISPLAY runtime=$XDG_RUNTIME_DIR mode=$(stat -c %a "$XDG_RUNTIME_DIR")"
exec wayland-info
`;

function writeProbe(libraryDir: string): void {
  const dir = join(libraryDir, PROBE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'game.json'), JSON.stringify({ id: PROBE, title: 'Wayland Probe', platforms: [{ platform: 'linux', executable: 'probe.sh' }] }));
  writeFileSync(join(dir, 'probe.sh'), PROBE_SCRIPT);
  chmodSync(join(dir, 'probe.sh'), 0o755);
}

function waylandRequest(gameId: string) {
  return {
    gameId,
    userId: 'user_tester',
    platform: 'linux',
    launchConfig: { displayMode: 'wayland', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
  };
}

describe.skipIf(!engine.available || !x.available || !wayland.available)('games on a Wayland display', () => {
  it('a Wayland client in the runner lists the compositor\'s globals, running as the socket owner', async () => {
    const base = coreOptions(tempDir(), x);
    // The app started in a Wayland session: WAYLAND_DISPLAY names the compositor's socket.
    const live = await cores.start({ ...base, env: { ...base.env, WAYLAND_DISPLAY: wayland.socketPath } });
    const facts = await live.call<{ displays: { wayland?: { socketPath: string } } }>('host.facts', {});
    expect(facts.displays.wayland?.socketPath).toBe(wayland.socketPath);
    const { root } = await live.call<{ root: string }>('library.list');
    writeProbe(root);
    expect((await live.call<{ games: Array<{ id: string }> }>('library.list')).games.map((g) => g.id)).toContain(PROBE);

    const session = await live.call<RunnerSession>('sessions.launch', { request: waylandRequest(PROBE) });
    expect(session.displayInfo).toEqual({ method: 'wayland', displayId: wayland.socketPath, socketPath: wayland.socketPath });
    const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
    const log = (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
    expect(ended, log).toMatchObject({ status: 'terminated', exitCode: 0, statusReason: 'The game exited normally.' });
    expect(ended.displayInfo.authToken).toBeUndefined(); // no X cookie on Wayland

    // It ran as the compositor's user, with no X display, in a private runtime dir; and it got in.
    const { uid, gid } = wayland.owner!;
    expect(log).toContain(`probe: uid=${uid} gid=${gid} display=none wayland=wayland-0 runtime=/tmp/dillinger-runtime mode=700`);
    for (const global of ['wl_compositor', 'wl_shm', 'xdg_wm_base', 'wl_output']) expect(log).toMatch(new RegExp(`interface: '${global}'`));
    await cores.expectCleanClose(live);
  }, 240_000);

  it('a wrong uid is a clear error at once, not a hang', async () => {
    const base = coreOptions(tempDir(), x);
    const live = await cores.start({ ...base, env: { ...base.env, WAYLAND_DISPLAY: wayland.socketPath } });
    const { uid, gid } = wayland.owner!;
    const wrong = { uid: uid + 1, gid: gid + 1 };
    // The app's own spec for this session, but for another uid than the socket's owner.
    const request = GameLaunchRequest.parse({ ...waylandRequest(PROBE), sessionId: 'sess_00000000-0000-4000-8000-0000000000aa', timestamp: new Date().toISOString() });
    const spec = buildContainerSpec({
      request,
      game: { id: PROBE, title: 'Wayland Probe', folder: PROBE, platforms: [{ platform: 'linux', executable: 'probe.sh', arguments: [] }] },
      facts: { cpuCount: 1, memoryBytes: 2 ** 30, displays: {}, gpus: [], allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [] },
      image: 'dillinger-runner:local',
      gameFolder: '/unused',
      user: wrong,
      wayland: { socketPath: wayland.socketPath },
    });
    const name = `dillinger_test_wayland_uid_${Math.random().toString(36).slice(2, 10)}`;
    const run = async (overrides: object) => {
      const container = await live.docker.createContainer({
        ...spec,
        name,
        Labels: {}, // not a session of any core
        Cmd: ['linux', '/usr/bin/wayland-info'],
        ...overrides, // after Cmd: a client run straight takes no arguments (trixie's wayland-info refuses unknown ones)
        HostConfig: { ...spec.HostConfig, Mounts: spec.HostConfig?.Mounts?.filter((m) => !m.Target.startsWith('/library')) },
      });
      try {
        const started = Date.now();
        await container.start();
        const { StatusCode } = await Promise.race([
          container.wait(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the client hung for 20 s')), 20_000)),
        ]);
        const output = (await container.logs({ stdout: true, stderr: true })).toString();
        return { code: StatusCode, output, seconds: (Date.now() - started) / 1000 };
      } finally {
        await container.remove({ force: true });
      }
    };

    // Through the entrypoint, as the app runs every game: refused before the game starts, saying why.
    const refused = await run({});
    expect(refused.code).toBe(125);
    expect(refused.output).toContain(`dillinger-entrypoint: uid ${wrong.uid} may not connect to the Wayland socket: it belongs to uid ${uid}`);
    expect(refused.seconds).toBeLessThan(10);

    // Even a client started straight as that uid fails at once: connect() is refused, nothing waits.
    const direct = await run({ Entrypoint: ['/usr/bin/wayland-info'], Cmd: [], User: `${wrong.uid}:${wrong.gid}`, Env: ['WAYLAND_DISPLAY=/run/dillinger/wayland-0', 'XDG_RUNTIME_DIR=/tmp'] });
    expect(direct.code).not.toBe(0);
    expect(direct.output).toMatch(/Permission denied|failed to create display/i);
    expect(direct.seconds).toBeLessThan(10);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('Wayland where the host has none: refused up front, pointing at x11', async () => {
    const live = await cores.start(coreOptions(tempDir(), x)); // no WAYLAND_DISPLAY in its environment
    const envelope = await live.core.dispatch('sessions.launch', { request: waylandRequest('dillinger-demo-linux') });
    expect('error' in envelope && envelope.error.message).toMatch(/No Wayland display was found on this computer .*choose x11/);
    await cores.expectCleanClose(live);
  }, 240_000);
});
