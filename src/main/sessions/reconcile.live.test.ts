// Containers that carry our label but that no session explains are reported, never killed.
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_LABEL } from '../docker/labels';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores } from '../test-support/live-session';
import { runtimeRoot } from '../container/runtime-dir';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

describe.skipIf(!engine.available || !x.available)('reconciling with Docker on start', () => {
  it('reports a labelled container with no session record and leaves it running', async () => {
    const docker = new Docker();
    const name = `dillinger_orphan_${randomUUID().slice(0, 8)}`;
    const orphan = await docker.createContainer({
      name, Image: 'debian:bookworm-slim', Cmd: ['sleep', '120'],
      Labels: { [SESSION_LABEL]: `sess_${randomUUID()}` }, HostConfig: { NetworkMode: 'none' },
    });
    await orphan.start();
    try {
      const live = await cores.start(coreOptions(tempDir(), x));
      await until(async () => (await live.call<{ warnings: string[] }>('app.info')).warnings.some((w) => w.includes(name)), 30_000, `a warning about ${name}`);
      const warning = (await live.call<{ warnings: string[] }>('app.info')).warnings.find((w) => w.includes(name));
      expect(warning).toMatch(new RegExp(`left alone.*docker rm -f ${name}`));
      expect((await orphan.inspect()).State.Running).toBe(true);
      await cores.expectCleanClose(live);
    } finally {
      await orphan.remove({ force: true });
    }
  }, 240_000);

  it("removes the folders (X cookie copies) that ended sessions left when a crash cut their cleanup short, and nothing else", async () => {
    const dataDir = tempDir();
    const options = coreOptions(dataDir, x);
    const root = runtimeRoot(dataDir, options.env ?? {});
    const leftover = join(root, `sess_${randomUUID()}`);
    const notOurs = join(root, 'notes');
    for (const dir of [leftover, notOurs]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'xauth'), 'cookie');
    }
    const live = await cores.start(options);
    await until(async () => !existsSync(leftover), 30_000, `${leftover} to be removed`);
    expect(existsSync(join(notOurs, 'xauth'))).toBe(true);
    rmSync(notOurs, { recursive: true });
    await cores.expectCleanClose(live);
  }, 240_000);
});
