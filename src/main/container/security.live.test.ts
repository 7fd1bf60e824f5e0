// SECURITY.md's claims, checked on a real game (the Linux demo) launched by the real core in the real
// Docker engine. The game process is looked at from the host through /proc/<pid> (the real process,
// not a stand-in); what a process inside must try for itself runs through `docker exec` as the
// game's uid.
import { chmodSync, chownSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { inventoryGpus } from '../host/gpus';
import { PIDS_LIMIT } from './container-spec';
import { h200Host, writeDrmTree } from '../test-support/gpu-hosts';
import { runsAsRoot } from '../test-support/root-only';
import { execIn, interfacesOf, mountsOf, procStatus, sharesNamespace } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const isRoot = runsAsRoot('The stand-in GPU test (real device nodes made with mknod)');
const GAME_UID = isRoot ? 1000 : process.getuid!();
const NO_CAPABILITIES = '0000000000000000';

/**
 * Plays the Linux demo and waits until the game itself runs: `running` comes as soon as the container
 * starts, while its entrypoint (root, a few capabilities) still prepares HOME and drops to the user.
 */
async function play(live: LiveCore, resources: object = {}): Promise<RunnerSession> {
  const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(LINUX_DEMO, { resources }) });
  const running = await live.waitFor(session.sessionId, ['running']);
  const comm = `/proc/${running.processId!}/comm`;
  await until(() => existsSync(comm) && readFileSync(comm, 'utf8').trim() === 'demo', 20_000, 'the demo to replace its entrypoint');
  return running;
}

async function stop(live: LiveCore, session: RunnerSession): Promise<void> {
  await live.call('sessions.stop', { sessionId: session.sessionId, force: true });
  await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed']);
}

/** The /dev entries the game sees (through its root, from the host). */
function devOf(pid: number, sub = ''): string[] {
  const dir = `/proc/${pid}/root/dev${sub}`;
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe.skipIf(!engine.available || !x.available)('what a game container can reach, under the default settings', () => {
  it('runs the game as an unprivileged uid, without capabilities or a way to gain them, in its own namespaces', async () => {
    const live = await cores.start(coreOptions(tempDir(), x, { gpuInventory: () => Promise.resolve([]) }));
    const session = await play(live);
    const pid = session.processId!;
    const status = procStatus(pid);
    // Real, effective, saved and file-system ids: none of them root.
    expect(status.Uid?.split(/\s+/)).toEqual(Array(4).fill(String(GAME_UID)));
    expect(status.Gid?.split(/\s+/).every((gid) => gid !== '0')).toBe(true);
    expect(status.Groups).toBe('');
    for (const set of ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb']) expect(status[set], set).toBe(NO_CAPABILITIES);
    expect(status.NoNewPrivs).toBe('1');
    expect(status.Seccomp).toBe('2'); // Docker's default seccomp filter stays on
    for (const kind of ['net', 'pid', 'ipc', 'uts', 'mnt'] as const) expect(sharesNamespace(pid, kind), kind).toBe(false);
    // No user namespace: uid 1000 inside IS uid 1000 on the host (that is how it may use the desktop's sockets).
    expect(sharesNamespace(pid, 'user')).toBe(true);

    const inspect = await live.docker.getContainer(session.containerId).inspect();
    expect(inspect.HostConfig.Privileged).toBe(false);
    // SECURITY.md: "at most 2048 processes/threads", as Docker was told and as the kernel enforces it.
    expect(PIDS_LIMIT).toBe(2048);
    expect(inspect.HostConfig.PidsLimit).toBe(PIDS_LIMIT);
    const pidsMax = await execIn(live.docker, session.containerId, ['sh', '-c', 'cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max'], `${GAME_UID}:${GAME_UID}`);
    expect(pidsMax.output.trim()).toBe(String(PIDS_LIMIT));
    expect(session.gpuInfo).toEqual({ gpuAccess: 'none', devices: [] });
    await stop(live, session);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('gives it no network but loopback, no GPU or other host device, and only its own mounts, read-only where it must not write', async () => {
    const live = await cores.start(coreOptions(tempDir(), x, { gpuInventory: () => Promise.resolve([]) }));
    const session = await play(live);
    const pid = session.processId!;

    expect(interfacesOf(pid)).toEqual(['lo']);

    const dev = devOf(pid);
    expect(dev).not.toContain('dri');
    expect(dev.filter((name) => name.startsWith('nvidia'))).toEqual([]);
    // Only the pseudo-devices every container has.
    expect(dev.filter((name) => !['console', 'core', 'fd', 'full', 'mqueue', 'null', 'ptmx', 'pts', 'random', 'shm', 'stderr', 'stdin', 'stdout', 'tty', 'urandom', 'zero'].includes(name))).toEqual([]);

    const mounts = mountsOf(pid);
    const dockerOwn = (point: string) => /^\/(proc|sys|dev)(\/|$)/.test(point) || ['/etc/resolv.conf', '/etc/hostname', '/etc/hosts'].includes(point);
    const ours = mounts.filter((m) => !dockerOwn(m.point));
    const display = x.display.replace(/^:(\d+).*/, '$1');
    // Of the library, only the game's own folder.
    const own = `/library/${LINUX_DEMO}`;
    const optionsAt = (point: string) => ours.find((m) => m.point === point)?.options ?? [];
    // ... and, writable, the game's own home: its folder under the data dir's saves/, nothing more of it.
    expect(ours.map((m) => m.point).sort()).toEqual(['/', own, '/run/dillinger/xauth', '/tmp', `/tmp/.X11-unix/X${display}`, '/tmp/dillinger-home'].sort());
    expect(optionsAt('/tmp/dillinger-home')[0]).toBe('rw'); // a bind (no nosuid there: no-new-privileges makes setuid files inert)
    expect(ours.find((m) => m.point === '/tmp/dillinger-home')?.root).toMatch(new RegExp(`/saves/${LINUX_DEMO}/home$`));
    for (const point of ['/', own, '/run/dillinger/xauth', `/tmp/.X11-unix/X${display}`]) expect(optionsAt(point)[0], point).toBe('ro');
    expect(optionsAt('/tmp')).toEqual(expect.arrayContaining(['rw', 'nosuid', 'nodev']));
    expect(optionsAt('/tmp')).not.toContain('noexec'); // games unpack and run helpers there
    expect(mounts.filter((m) => /docker\.sock|containerd/.test(m.root) || /docker\.sock/.test(m.point))).toEqual([]);

    // The X cookie is the session's own copy, readable by the game's uid only.
    const cookie = statSync(`/proc/${pid}/root/run/dillinger/xauth`);
    expect([cookie.uid, cookie.mode & 0o777]).toEqual([GAME_UID, 0o600]);

    // A process with the game's uid inside tries for itself.
    const probe = await execIn(live.docker, session.containerId, ['sh', '-c', [
      'touch /usr/probe 2>/dev/null && echo root=written || echo root=refused',
      `touch /library/${LINUX_DEMO}/probe 2>/dev/null && echo library=written || echo library=refused`,
      'touch /tmp/probe 2>/dev/null && echo tmp=written || echo tmp=refused',
      'cp /bin/true /tmp/unpacked && /tmp/unpacked && echo tmp-exec=ran || echo tmp-exec=refused',
      '{ [ -e /var/run/docker.sock ] || [ -e /run/docker.sock ]; } && echo docker-socket=present || echo docker-socket=absent',
      // Its own pid namespace: tini (pid 1), the game, this shell and its children, nothing of the host.
      'echo processes=$(ls -d /proc/[0-9]* | wc -l)',
      'echo library=$(ls -A /library)', // no other game's folder
    ].join('\n')], `${GAME_UID}:${GAME_UID}`);
    const answers = probe.output.trim().split('\n');
    expect(answers.slice(0, 5)).toEqual(['root=refused', 'library=refused', 'tmp=written', 'tmp-exec=ran', 'docker-socket=absent']);
    expect(Number(answers[5]?.replace('processes=', ''))).toBeLessThan(7);
    expect(answers[6]).toBe(`library=${LINUX_DEMO}`);
    await stop(live, session);
    await cores.expectCleanClose(live);
  }, 240_000);
});

/**
 * A made-up host with two GPUs whose /dev/dri nodes are real character devices (mknod: the kernel's
 * null and zero devices under GPU names) owned by their own groups, inventoried by the real
 * host/gpus.ts from a sysfs tree laid out as the kernel does. Root only (mknod, chown).
 */
function fakeGpuHost(root: string): { inventory: () => Promise<import('../../shared/validation/host-facts').GpuFact[]>; intel: string; amd: string; devDri: string } {
  const { devDri, sysDrm } = writeDrmTree(root, [
    { pciBusId: '0000:00:02.0', vendorId: '0x8086', card: 0, render: 128 },
    { pciBusId: '0000:03:00.0', vendorId: '0x1002', card: 1, render: 129 },
  ]);
  const nodes: Array<[string, number, number]> = [['card0', 3, 44], ['renderD128', 3, 4242], ['card1', 5, 44], ['renderD129', 5, 4243]];
  for (const [name, minor, gid] of nodes) {
    const path = join(devDri, name);
    execFileSync('rm', ['-f', path]);
    execFileSync('mknod', [path, 'c', '1', String(minor)]);
    chownSync(path, 0, gid);
    chmodSync(path, 0o660);
  }
  return {
    inventory: () => inventoryGpus({ devDri, sysDrm, nvidiaSmi: join(root, 'no-nvidia-smi') }),
    intel: join(devDri, 'renderD128'),
    amd: join(devDri, 'renderD129'),
    devDri,
  };
}

describe.skipIf(!engine.available || !x.available || !isRoot)('GPU access on a host with two (stand-in) GPUs', () => {
  it('none: no /dev/dri, no group; shared: every node, with the groups that own them; dedicated: only the chosen GPU', async () => {
    const host = fakeGpuHost(tempDir());
    const live = await cores.start(coreOptions(tempDir(), x, { gpuInventory: host.inventory }));
    const opens = async (session: RunnerSession, node: string, groups: string) =>
      (await execIn(live.docker, session.containerId, ['setpriv', `--reuid=${GAME_UID}`, `--regid=${GAME_UID}`, groups ? `--groups=${groups}` : '--clear-groups', '--inh-caps=-all', 'sh', '-c', `exec 3<>/dev/dri/${node} && echo opened`])).output.trim();

    const none = await play(live, { gpuAccess: 'none' });
    expect(devOf(none.processId!)).not.toContain('dri');
    expect(procStatus(none.processId!).Groups).toBe('');
    expect(none.gpuInfo).toEqual({ gpuAccess: 'none', devices: [] });
    await stop(live, none);

    const shared = await play(live, { gpuAccess: 'shared' });
    expect(devOf(shared.processId!, '/dri')).toEqual(['card0', 'card1', 'renderD128', 'renderD129']);
    const inside = statSync(`/proc/${shared.processId!}/root/dev/dri/renderD128`);
    expect([inside.isCharacterDevice(), inside.rdev, inside.gid]).toEqual([true, statSync(host.intel).rdev, 4242]);
    expect((procStatus(shared.processId!).Groups ?? '').split(' ').map(Number)).toEqual([44, 4242, 4243]);
    expect(shared.gpuInfo).toEqual({
      gpuAccess: 'shared',
      devices: ['card0', 'renderD128', 'card1', 'renderD129'].map((n) => join(host.devDri, n)),
      groups: [44, 4242, 4243],
    });
    // With the game's groups its uid opens the render node; without them the node stays closed.
    expect(await opens(shared, 'renderD128', '44,4242,4243')).toBe('opened');
    expect(await opens(shared, 'renderD128', '')).toMatch(/Permission denied/);
    await stop(live, shared);

    const dedicated = await play(live, { gpuAccess: 'dedicated', gpuDevices: [host.amd] });
    expect(devOf(dedicated.processId!, '/dri')).toEqual(['card1', 'renderD129']);
    expect((procStatus(dedicated.processId!).Groups ?? '').split(' ').map(Number)).toEqual([44, 4243]);
    expect(dedicated.gpuInfo).toMatchObject({ gpuAccess: 'dedicated', devices: [join(host.devDri, 'card1'), host.amd], groups: [44, 4243] });
    await stop(live, dedicated);
    await cores.expectCleanClose(live);
  }, 300_000);
});

describe.skipIf(!engine.available || !x.available)('GPU access on an NVIDIA host whose engine has no NVIDIA runtime', () => {
  it('shared: the game still starts, gets no NVIDIA device, and its record says why', async () => {
    // The H200's recorded inventory; this engine's real `docker info` has no nvidia runtime.
    const live = await cores.start(coreOptions(tempDir(), x, { gpuInventory: () => Promise.resolve(h200Host(false).gpus) }));
    const session = await play(live, { gpuAccess: 'shared' });
    expect(session.gpuInfo).toEqual({ gpuAccess: 'shared', devices: [], note: expect.stringContaining('the Docker engine has no NVIDIA runtime') });
    expect(devOf(session.processId!).filter((name) => name === 'dri' || name.startsWith('nvidia'))).toEqual([]);
    const inspect = await live.docker.getContainer(session.containerId).inspect();
    expect(inspect.HostConfig.DeviceRequests ?? []).toEqual([]);
    expect(inspect.Config.Env).toContain('NVIDIA_VISIBLE_DEVICES=void');
    await stop(live, session);

    // Dedicated to it is refused up front, saying what to install.
    const refused = await live.core.dispatch('sessions.launch', { request: launchRequest(LINUX_DEMO, { resources: { gpuAccess: 'dedicated', gpuDevices: ['0'] } }) });
    expect('error' in refused && refused.error.message).toMatch(/gpuDevices\.0: NVIDIA GPU "0" cannot be given to a game: the Docker engine has no NVIDIA runtime/);
    await cores.expectCleanClose(live);
  }, 240_000);
});
