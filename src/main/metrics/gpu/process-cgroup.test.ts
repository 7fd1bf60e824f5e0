import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir';
import { recordedSection } from '../../test-support/fixture-sections';
import { containerIdFromCgroup, containerIdOfPid, containerIdsOfPids } from './process-cgroup';

const ID = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'b'.repeat(8);
const OTHER = 'f'.repeat(64);
const tempDir = useTempDirs();

describe('containerIdFromCgroup', () => {
  it.each([
    ['cgroup v2, systemd driver', `0::/system.slice/docker-${ID}.scope`],
    ['cgroup v2, systemd driver, systemd inside the container', `0::/system.slice/docker-${ID}.scope/init.scope`],
    ['cgroup v2, cgroupfs driver', `0::/docker/${ID}`],
    ['rootless Docker', `0::/user.slice/user-1000.slice/user@1000.service/docker.service/docker/${ID}`],
    ['rootless Docker, systemd driver', `0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-${ID}.scope`],
    [
      'cgroup v1, cgroupfs driver (what dockerd uses on our build machines)',
      `12:pids:/docker/${ID}\n11:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}\n0::/system.slice/containerd.service`,
    ],
    ['cgroup v1, systemd driver', `12:memory:/system.slice/docker-${ID}.scope\n11:cpu,cpuacct:/system.slice/docker-${ID}.scope`],
    ['kubepods, cgroupfs driver', `11:memory:/kubepods/burstable/pod0a1b2c3d-1111-2222-3333-444455556666/${ID}`],
    [
      'kubepods, systemd driver (containerd)',
      `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0a1b2c3d_1111.slice/cri-containerd-${ID}.scope`,
    ],
    ['kubepods, systemd driver (docker)', `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod12.slice/docker-${ID}.scope`],
    ['a container nested in another: the inner one', `0::/docker/${OTHER}/docker/${ID}`],
  ])('finds the id: %s', (_form, text) => {
    expect(containerIdFromCgroup(`${text}\n`)).toBe(ID);
  });

  it('finds none for the recorded process on the H200 machine (0::/process_api/…, not Docker)', () => {
    // Recorded there because no GPU (and no container with one) runs here.
    const recorded = recordedSection('busy.txt', 'cgroup of load');
    expect(recorded.trim()).toBe('0::/process_api/c3257e1594453d491214cd109826bc92');
    expect(containerIdFromCgroup(recorded)).toBeUndefined();
  });

  it.each([
    ['a desktop session', '0::/user.slice/user-1000.slice/session-2.scope'],
    ['the Docker daemon itself', '0::/system.slice/docker.service'],
    ['a short id', `0::/docker/${ID.slice(0, 12)}`],
    ['a 64-hex name outside any container path', `0::/machine.slice/${ID}`],
    ['an empty file', ''],
  ])('finds none for %s', (_form, text) => {
    expect(containerIdFromCgroup(text)).toBeUndefined();
  });
});

describe('containerIdOfPid (a synthetic /proc tree)', () => {
  it('reads /proc/<pid>/cgroup, and answers undefined for a process that has gone', async () => {
    const proc = tempDir();
    const write = (pid: number, text: string): void => {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'cgroup'), text);
    };
    write(422, '0::/process_api/c3257e1594453d491214cd109826bc92\n');
    write(1001, `0::/system.slice/docker-${ID}.scope\n`);
    write(1002, `12:memory:/docker/${OTHER}\n`);
    expect(await containerIdOfPid(1001, proc)).toBe(ID);
    expect(await containerIdOfPid(422, proc)).toBeUndefined();
    expect(await containerIdOfPid(9999, proc)).toBeUndefined();
    expect(await containerIdsOfPids([1001, 422, 1002, 9999, 1001], proc)).toEqual(
      new Map([
        [1001, ID],
        [1002, OTHER],
      ]),
    );
  });

  it('reads our own process from the real /proc (not in a container of ours)', async () => {
    const own = await containerIdOfPid(process.pid);
    expect(own === undefined || /^[0-9a-f]{64}$/.test(own)).toBe(true);
  });
});
