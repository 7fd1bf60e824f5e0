// The library volume against the real engine, under a unique name so a user's own
// dillinger_library is never touched.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBRARY_MOUNT } from '../../shared/model/container-paths';
import { findRealEngine } from '../test-support/real-engine';
import { useTempDirs } from '../test-support/temp-dir';
import { connectDocker } from './engine';
import { ensureLibraryVolume } from './library-volume';

const engine = await findRealEngine();
const tempDir = useTempDirs();
const runId = randomBytes(4).toString('hex');

describe('ensureLibraryVolume refuses what cannot work', () => {
  const docker = connectDocker('/nonexistent.sock');
  it('needs an absolute library folder and a valid volume name', async () => {
    await expect(ensureLibraryVolume(docker, 'games')).rejects.toThrow(/must be an absolute path, not "games"/);
    await expect(ensureLibraryVolume(docker, '/tmp/x', 'no/slashes')).rejects.toThrow(/cannot be a Docker volume name/);
  });
});

describe.skipIf(!engine.available)('ensureLibraryVolume against the real engine', () => {
  const docker = connectDocker(engine.endpoint);
  const volumes: string[] = [];
  const volumeName = (suffix: string): string => {
    const name = `dillinger_test_library_${runId}_${suffix}`;
    volumes.push(name);
    return name;
  };

  afterAll(async () => {
    for (const c of await docker.listContainers({ all: true, filters: { label: [`dillinger.test=${runId}`] } })) await docker.getContainer(c.Id).remove({ force: true });
    for (const name of volumes) await docker.getVolume(name).remove().catch(() => undefined);
    const left = (await docker.listVolumes()).Volumes?.filter((v) => v.Name.includes(runId)) ?? [];
    expect(left).toEqual([]);
  });

  /** Runs `script` in a container that mounts the volume read-only where games see it; its output. */
  async function inContainer(volume: string, script: string): Promise<{ output: string; exitCode: number }> {
    const container = await docker.createContainer({
      Image: 'debian:bookworm-slim',
      Cmd: ['sh', '-c', script],
      Tty: true, // one plain output stream, no multiplexing headers
      NetworkDisabled: true,
      Labels: { 'dillinger.test': runId },
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: LIBRARY_MOUNT, ReadOnly: true }] },
    });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const logs = await container.logs({ stdout: true, stderr: true });
      return { output: logs.toString('utf8').replace(/\r/g, ''), exitCode: StatusCode };
    } finally {
      await container.remove({ force: true });
    }
  }

  it('creates a bind of the library folder once, then reuses it; containers see its files, read-only', async () => {
    const library = join(tempDir(), 'library'); // not there yet: created with the volume
    const name = volumeName('main');
    await expect(ensureLibraryVolume(docker, library, name)).resolves.toEqual({ name, created: true, device: library });
    expect(existsSync(library)).toBe(true);
    const info = await docker.getVolume(name).inspect();
    expect(info).toMatchObject({ Driver: 'local', Labels: { 'dillinger.purpose': 'library' }, Options: { type: 'none', o: 'bind', device: library } });
    await expect(ensureLibraryVolume(docker, library, name)).resolves.toEqual({ name, created: false, device: library });

    writeFileSync(join(library, 'x'), 'hello from the host\n'); // written after the volume exists
    const run = await inContainer(name, `cat ${LIBRARY_MOUNT}/x && if touch ${LIBRARY_MOUNT}/y 2>/dev/null; then echo writable; else echo read-only; fi`);
    expect(run).toEqual({ output: 'hello from the host\nread-only\n', exitCode: 0 });
    expect(existsSync(join(library, 'y'))).toBe(false);
  });

  it('binds a volume that shows another folder to the library folder again, unless containers use it', async () => {
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'old'), 'old library\n');
    const name = volumeName('other');
    await docker.createVolume({ Name: name, Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: elsewhere } });

    // A container (running or not) still uses the old folder: refused, with what to do.
    const running = await docker.createContainer({
      Image: 'debian:bookworm-slim', Cmd: ['sleep', '60'], Labels: { 'dillinger.test': runId },
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: name, Target: LIBRARY_MOUNT, ReadOnly: true }] },
    });
    const library = tempDir();
    await expect(ensureLibraryVolume(docker, library, name)).rejects.toThrow(new RegExp(`shows the library folder ${elsewhere}, not ${library}, and containers still use it: .*docker ps -a --filter volume=${name}`));
    await running.remove({ force: true });

    await expect(ensureLibraryVolume(docker, library, name)).resolves.toEqual({ name, created: true, device: library });
    writeFileSync(join(library, 'new'), 'new library\n');
    expect(await inContainer(name, `ls ${LIBRARY_MOUNT}`)).toEqual({ output: 'new\n', exitCode: 0 });
    expect(existsSync(join(elsewhere, 'old'))).toBe(true); // the old folder's files are untouched
  });

  it('uses a volume of another kind (no bound folder) as it is', async () => {
    const name = volumeName('plain');
    await docker.createVolume({ Name: name, Driver: 'local' });
    await expect(ensureLibraryVolume(docker, tempDir(), name)).resolves.toEqual({ name, created: false });
  });
});
