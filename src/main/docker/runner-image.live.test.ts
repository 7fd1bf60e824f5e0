// ensureRunnerImage against the real Docker engine: builds with progress, rebuilds when the runner
// files change, Docker's own errors, prebuilt images, concurrent callers, the builder's leftovers.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findRealEngine } from '../test-support/real-engine';
import { useTempDirs } from '../test-support/temp-dir';
import { connectDocker } from './engine';
import { BUILDER_STAGE_LABEL, RUNNER_VERSION_LABEL } from './labels';
import { ImageError, ensureRunnerImage, runnerContextVersion, type BuildProgress } from './runner-image';

const engine = await findRealEngine();
const tempDir = useTempDirs();
const runId = randomBytes(4).toString('hex');
/** Every image these tests build carries it, so afterAll can find and remove them all. */
const TEST_LABEL = `dillinger.test=${runId}`;

function context(dockerfile: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'x'), 'x\n');
  return dir;
}

describe.skipIf(!engine.available)('ensureRunnerImage against the real engine', () => {
  const docker = connectDocker(engine.endpoint);
  const tag = (name: string): string => `dillinger-test-build:${runId}-${name}`;
  const tiny = `FROM debian:bookworm-slim\nLABEL ${TEST_LABEL}\nRUN true\nCOPY x /x\n`;

  afterAll(async () => {
    const ours = { filters: { label: [TEST_LABEL] } };
    for (const image of await docker.listImages(ours)) {
      for (const repoTag of image.RepoTags ?? []) if (repoTag !== '<none>:<none>') await docker.getImage(repoTag).remove();
    }
    // Untagged leftovers (failed builds' layers, the unrelated dangling image) go with their parents.
    await docker.pruneImages({ filters: { dangling: ['true'], label: [TEST_LABEL] } });
    expect(await docker.listImages({ all: true, ...ours })).toEqual([]);
  });

  it('builds a missing image with progress for every step, then finds it without building', async () => {
    const seen: BuildProgress[] = [];
    const started = Date.now();
    await expect(ensureRunnerImage(docker, { image: tag('tiny'), contextDir: context(tiny), build: true, onProgress: (p) => seen.push(p) })).resolves.toEqual({ image: tag('tiny'), built: true });
    console.info(`tiny image built in ${Date.now() - started} ms`);
    // Four steps of the Dockerfile, and the version label the app adds as a fifth.
    expect([...new Set(seen.map((p) => p.step))]).toEqual([1, 2, 3, 4, 5]);
    expect(seen.every((p) => p.totalSteps === 5 && p.image === tag('tiny') && p.line !== '' && p.line === p.line.trim())).toBe(true);
    expect(seen.filter((p) => p.line === 'RUN true')).toEqual([{ image: tag('tiny'), step: 3, totalSteps: 5, line: 'RUN true' }]);
    expect((await docker.getImage(tag('tiny')).inspect()).Config.Labels).toMatchObject({ 'dillinger.test': runId });

    const build = vi.spyOn(docker, 'buildImage');
    await expect(ensureRunnerImage(docker, { image: tag('tiny'), contextDir: context(tiny), build: true })).resolves.toEqual({ image: tag('tiny'), built: false });
    expect(build).not.toHaveBeenCalled();
    build.mockRestore();
  });

  it('rebuilds an image made from other runner files, and removes the version it replaced', async () => {
    const dir = context(`${tiny}RUN echo versioned\n`); // its own layers: no other test's image shares them
    await ensureRunnerImage(docker, { image: tag('versioned'), contextDir: dir, build: true });
    const before = await docker.getImage(tag('versioned')).inspect();
    expect(before.Config.Labels).toMatchObject({ [RUNNER_VERSION_LABEL]: runnerContextVersion(dir) });

    writeFileSync(join(dir, 'x'), 'changed\n'); // as an app update would change the entrypoint or a demo
    const seen: string[] = [];
    await expect(ensureRunnerImage(docker, { image: tag('versioned'), contextDir: dir, build: true, onProgress: (p) => seen.push(p.line) }))
      .resolves.toEqual({ image: tag('versioned'), built: true });
    expect(seen[0]).toMatch(new RegExp(`was built from other runner files \\(version ${before.Config.Labels[RUNNER_VERSION_LABEL]}, now ${runnerContextVersion(dir)}\\): rebuilding it`));
    const after = await docker.getImage(tag('versioned')).inspect();
    expect(after.Id).not.toBe(before.Id);
    await expect(docker.getImage(before.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    // An image of that name built by hand, without the label, is replaced too.
    await rawBuild(dir, tag('versioned'));
    await expect(ensureRunnerImage(docker, { image: tag('versioned'), contextDir: dir, build: true })).resolves.toEqual({ image: tag('versioned'), built: true });
  });

  it("rejects with Docker's message when a step fails", async () => {
    const failing = `FROM debian:bookworm-slim\nLABEL ${TEST_LABEL}\nRUN exit 3\n`;
    const error = await ensureRunnerImage(docker, { image: tag('fails'), contextDir: context(failing), build: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).message).toMatch(/failed at step 3\/4 \(RUN exit 3\): The command '\/bin\/sh -c exit 3' returned a non-zero code: 3\. Run "docker build/);
    await expect(docker.getImage(tag('fails')).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('names a missing base image and how to get it', async () => {
    const base = `dillinger-test-missing-base:${runId}`;
    await expect(ensureRunnerImage(docker, { image: tag('nobase'), contextDir: context(`FROM ${base}\nRUN true\n`), build: true }))
      .rejects.toThrow(new RegExp(`The base image ${base} is not on this machine .*docker pull ${base}`));
  });

  it('does not build a configured prebuilt image: it says how to get it', async () => {
    const build = vi.spyOn(docker, 'buildImage');
    await expect(ensureRunnerImage(docker, { image: tag('prebuilt'), contextDir: context(tiny), build: false }))
      .rejects.toThrow(new RegExp(`runner image ${tag('prebuilt')} is not on this machine\\. Download it with "docker pull ${tag('prebuilt')}", or clear the runner image setting`));
    expect(build).not.toHaveBeenCalled();
    build.mockRestore();
  });

  it('builds once for concurrent callers, and each sees the progress', async () => {
    const build = vi.spyOn(docker, 'buildImage');
    const [a, b] = [[] as BuildProgress[], [] as BuildProgress[]];
    const options = { image: tag('shared'), contextDir: context(`${tiny}RUN echo shared\n`), build: true };
    const results = await Promise.all([ensureRunnerImage(docker, { ...options, onProgress: (p) => a.push(p) }), ensureRunnerImage(docker, { ...options, onProgress: (p) => b.push(p) })]);
    expect(results).toEqual([{ image: tag('shared'), built: true }, { image: tag('shared'), built: true }]);
    expect(build).toHaveBeenCalledTimes(1);
    expect(b).toEqual(a);
    expect(a.filter((p) => p.line.startsWith('FROM ')).length).toBe(1);
    build.mockRestore();
  });

  it("removes the builder stage's labelled leftovers and leaves other dangling images alone", async () => {
    // Not ours: a dangling image without the builder label (built, then its tag taken by a rebuild).
    const unrelated = tag('unrelated');
    await rawBuild(context(`${tiny}RUN echo one\n`), unrelated);
    const unrelatedId = (await docker.getImage(unrelated).inspect()).Id;
    await rawBuild(context(`${tiny}RUN echo two\n`), unrelated);
    expect((await docker.getImage(unrelatedId).inspect()).RepoTags).toEqual([]);

    const multiStage = `FROM debian:bookworm-slim AS builder\nLABEL ${TEST_LABEL} ${BUILDER_STAGE_LABEL}\nRUN echo built > /y\n` +
      `FROM debian:bookworm-slim\nLABEL ${TEST_LABEL}\nCOPY --from=builder /y /y\n`;
    const seen: string[] = [];
    await ensureRunnerImage(docker, { image: tag('multi'), contextDir: context(multiStage), build: true, onProgress: (p) => seen.push(p.line) });
    expect(seen.filter((line) => /^Removed \d+ leftover image layer\(s\) of the builder stage and older runner versions$/.test(line))).toHaveLength(1);
    expect(await docker.listImages({ all: true, filters: { label: [TEST_LABEL, BUILDER_STAGE_LABEL] } })).toEqual([]);
    expect((await docker.getImage(unrelatedId).inspect()).Id).toBe(unrelatedId);
  });

  /** A plain build, as a user's own `docker build` would make it: nothing of ensureRunnerImage. */
  async function rawBuild(dir: string, t: string): Promise<void> {
    const stream = await docker.buildImage({ context: dir, src: ['Dockerfile', 'x'] }, { t, networkmode: 'none' });
    await new Promise<void>((done, fail) => docker.modem.followProgress(stream, (error) => (error ? fail(error) : done())));
  }
});
