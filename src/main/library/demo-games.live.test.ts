// Seeding the demo games from the real runner image into a library folder, once.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../docker/engine';
import { defaultRunnerContext, ensureRunnerImage } from '../docker/runner-image';
import { findRealEngine } from '../test-support/real-engine';
import { useTempDirs } from '../test-support/temp-dir';
import { DEMOS_MARKER, SEED_CONTAINER_LABEL, seedDemoGames, type DemosMarker } from './demo-games';
import { readLibrary } from './library-reader';

const engine = await findRealEngine();
const tempDir = useTempDirs();
const IMAGE = 'dillinger-runner:local';
const DEMOS = ['dillinger-demo-linux', 'dillinger-demo-windows'];

describe.skipIf(!engine.available)('seedDemoGames with the real runner image', () => {
  const docker = connectDocker(engine.endpoint);
  const seedContainers = () => docker.listContainers({ all: true, filters: { label: [`${SEED_CONTAINER_LABEL.key}=${SEED_CONTAINER_LABEL.value}`] } });

  beforeAll(async () => {
    // A fresh CI machine has no runner image yet: this builds it (minutes); elsewhere it is instant.
    await ensureRunnerImage(docker, { image: IMAGE, contextDir: defaultRunnerContext(), build: true });
  }, 20 * 60_000);

  afterEach(async () => {
    expect(await seedContainers()).toEqual([]); // the copy-out container never outlives a call
  });

  it('copies both demos into a fresh library, executables and all, and the library lists them', async () => {
    const library = tempDir();
    const started = Date.now();
    await expect(seedDemoGames(docker, IMAGE, library)).resolves.toEqual({ added: DEMOS });
    console.info(`demo games seeded in ${Date.now() - started} ms`);

    const linuxDemo = statSync(join(library, 'dillinger-demo-linux', 'demo'));
    expect(linuxDemo.mode & 0o777).toBe(0o755);
    expect(linuxDemo.uid).toBe(process.getuid?.());
    expect(statSync(join(library, 'dillinger-demo-windows', 'demo.exe')).size).toBeGreaterThan(1000);
    expect(statSync(join(library, 'dillinger-demo-linux', 'game.json')).mode & 0o777).toBe(0o644);

    const snapshot = readLibrary(library);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.games.map((g) => g.id).sort()).toEqual(DEMOS);
    const marker = JSON.parse(readFileSync(join(library, DEMOS_MARKER), 'utf8')) as DemosMarker;
    expect(marker.ids).toEqual(DEMOS);
    expect(Date.parse(marker.seededAt)).toBeGreaterThan(started - 1000);
    // Nothing of the staging folder or the marker's temp file is left behind.
    expect(readdirSync(library).sort()).toEqual([DEMOS_MARKER, ...DEMOS]);
  });

  it('adds nothing the second time, and never brings back a demo the user deleted', async () => {
    const library = tempDir();
    await seedDemoGames(docker, IMAGE, library);
    await expect(seedDemoGames(docker, IMAGE, library)).resolves.toEqual({ added: [] });
    rmSync(join(library, 'dillinger-demo-linux'), { recursive: true });
    await expect(seedDemoGames(docker, IMAGE, library)).resolves.toEqual({ added: [] });
    expect(existsSync(join(library, 'dillinger-demo-linux'))).toBe(false);
    expect(readLibrary(library).games.map((g) => g.id)).toEqual(['dillinger-demo-windows']);
  });

  it('leaves a folder that already exists as it is', async () => {
    const library = tempDir();
    mkdirSync(join(library, 'dillinger-demo-linux'));
    writeFileSync(join(library, 'dillinger-demo-linux', 'notes.txt'), 'mine');
    await expect(seedDemoGames(docker, IMAGE, library)).resolves.toEqual({ added: ['dillinger-demo-windows'] });
    expect(readFileSync(join(library, 'dillinger-demo-linux', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(library, 'dillinger-demo-linux', 'game.json'))).toBe(false);
  });

  it('seeds once when asked twice at the same time', async () => {
    const library = tempDir();
    const [a, b] = await Promise.all([seedDemoGames(docker, IMAGE, library), seedDemoGames(docker, IMAGE, library)]);
    expect(a).toEqual({ added: DEMOS });
    expect(b).toBe(a);
  });

  it('adds nothing, and remembers nothing, from an image without demos', async () => {
    const library = tempDir();
    await expect(seedDemoGames(docker, 'debian:bookworm-slim', library)).resolves.toEqual({ added: [] });
    expect(existsSync(join(library, DEMOS_MARKER))).toBe(false);
    expect(readdirSync(library)).toEqual([]);
  });

  it('says how to get a missing image', async () => {
    await expect(seedDemoGames(docker, 'dillinger-test-no-such-image:1', tempDir())).rejects.toThrow(/dillinger-test-no-such-image:1 is not on this machine, so the demo games cannot be copied/);
  });
});
