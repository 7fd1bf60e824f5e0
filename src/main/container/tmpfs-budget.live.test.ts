// A game under a 64 MB disk limit with an extra tmpfs cannot write more than 64 MB in all its tmpfs
// mounts together (/tmp, the extra one, /dev/shm), and the disk metric counts every one of them. The
// real Linux demo, launched by the real core; a process with the game's uid fills each tmpfs itself.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { tmpfsBytes, type DockerStats } from '../metrics/sampler/stats-math';
import { execIn } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const GAME_UID = process.getuid?.() === 0 ? 1000 : process.getuid!();
const MiB = 1024 * 1024;
const LIMIT = 64 * MiB;

describe.skipIf(!engine.available || !x.available)('the disk limit bounds every tmpfs together', () => {
  it('64m with an extra tmpfs: 100 MiB tried in each of /tmp, /scratch and /dev/shm, 64 MiB at most written in all', async () => {
    const live = await cores.start(coreOptions(tempDir(), x, { gpuInventory: () => Promise.resolve([]) }));
    const base = launchRequest(LINUX_DEMO, { resources: { diskLimit: '64m' } });
    const request = { ...base, launchConfig: { ...base.launchConfig, volumes: [{ hostPath: '', containerPath: '/scratch', mode: 'rw', type: 'tmpfs' }] } };
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const running = await live.waitFor(session.sessionId, ['running']);
    const comm = `/proc/${running.processId!}/comm`;
    await until(() => existsSync(comm) && readFileSync(comm, 'utf8').trim() === 'demo', 20_000, 'the demo to replace its entrypoint');

    // dd stops at "No space left on device"; each file's size is what that tmpfs took.
    const fill = await execIn(live.docker, running.containerId, ['sh', '-c', [
      'for dir in /tmp /scratch /dev/shm; do',
      '  dd if=/dev/zero of="$dir/fill" bs=1M count=100 2>/dev/null',
      '  echo "$dir=$(stat -c %s "$dir/fill")"',
      'done',
    ].join('\n')], `${GAME_UID}:${GAME_UID}`);
    const written = Object.fromEntries(fill.output.trim().split('\n').map((line) => {
      const [dir, bytes] = line.split('=');
      return [dir!, Number(bytes)];
    }));
    expect(Object.keys(written)).toEqual(['/tmp', '/scratch', '/dev/shm']);
    // Each one holds something, none is unbounded, and together they stay within the limit.
    for (const bytes of Object.values(written)) expect(bytes).toBeGreaterThan(MiB);
    const total = Object.values(written).reduce((sum, bytes) => sum + bytes, 0);
    expect(total).toBeLessThanOrEqual(LIMIT);
    // The split is the one the preview shows: /dev/shm a quarter, /tmp and /scratch 24 MiB each
    // (less what the session already keeps in /tmp and /dev/shm: its HOME, its runtime folder).
    expect(written['/scratch']).toBe(24 * MiB);
    expect(written['/tmp']).toBeGreaterThan(23 * MiB);
    expect(written['/tmp']).toBeLessThanOrEqual(24 * MiB);
    expect(written['/dev/shm']).toBeGreaterThan(15 * MiB);
    expect(written['/dev/shm']).toBeLessThanOrEqual(16 * MiB);

    // The disk metric (the cgroup's shmem) sees all three, not only /tmp.
    const stats = (await live.docker.getContainer(running.containerId).stats({ stream: false })) as unknown as DockerStats;
    expect(tmpfsBytes(stats.memory_stats)).toBeGreaterThanOrEqual(total);

    await live.call('sessions.stop', { sessionId: running.sessionId, force: true });
    await live.waitFor(running.sessionId, ['terminated', 'crashed', 'failed']);
    await cores.expectCleanClose(live);
  }, 300_000);
});
