// The runner image: parsing the builder's stream (recorded from Docker 20.10), the advice on
// failures, the context's version. Real builds against the engine: runner-image.live.test.ts.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { ImageError, defaultRunnerContext, ensureRunnerImage, parseBuildLine, runnerContextVersion } from './runner-image';
import { messageOf } from '../../shared/errors';

const tempDir = useTempDirs();

function context(dockerfile: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'x'), 'x\n');
  return dir;
}

describe('parseBuildLine on recorded /build lines', () => {
  const start = { step: 0, totalSteps: 0 };
  it('reads step lines with their numbers and instruction', () => {
    expect(parseBuildLine({ stream: 'Step 1/7 : FROM debian:bookworm-slim AS builder' }, start)).toEqual({ kind: 'progress', step: 1, totalSteps: 7, line: 'FROM debian:bookworm-slim AS builder' });
    expect(parseBuildLine({ stream: 'Step 2/7 : RUN echo hi > /y' }, { step: 1, totalSteps: 7 })).toEqual({ kind: 'progress', step: 2, totalSteps: 7, line: 'RUN echo hi > /y' });
  });
  it('gives other lines the last step numbers, trimmed, and skips empty ones and aux', () => {
    const last = { step: 2, totalSteps: 7 };
    expect(parseBuildLine({ stream: ' ---> Running in 121e205185be\n' }, last)).toEqual({ kind: 'progress', step: 2, totalSteps: 7, line: '---> Running in 121e205185be' });
    expect(parseBuildLine({ stream: 'Successfully tagged rec-test:1\n' }, last)).toMatchObject({ line: 'Successfully tagged rec-test:1', step: 2 });
    expect(parseBuildLine({ status: 'Pulling from library/debian' }, last)).toMatchObject({ kind: 'progress', line: 'Pulling from library/debian' });
    expect(parseBuildLine({ stream: '\n' }, last)).toEqual({ kind: 'ignore' });
    expect(parseBuildLine({ aux: { ID: 'sha256:bdb9f94bcc01' } }, last)).toEqual({ kind: 'ignore' });
    expect(parseBuildLine('not an object', last)).toEqual({ kind: 'ignore' });
  });
  it("reads Docker's error", () => {
    const message = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
    expect(parseBuildLine({ errorDetail: { code: 3, message }, error: message }, start)).toEqual({ kind: 'error', message });
    expect(parseBuildLine({ error: 'plain' }, start)).toEqual({ kind: 'error', message: 'plain' });
  });
});

/** An engine that has no image and answers /build with these recorded lines, split at awkward places. */
function recordedEngine(lines: object[]): Docker {
  const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  const chunks = [text.slice(0, 7), text.slice(7, 50), text.slice(50)].map((c) => Buffer.from(c));
  const notFound = Object.assign(new Error('no such image'), { statusCode: 404 });
  return { getImage: () => ({ inspect: () => Promise.reject(notFound) }), buildImage: () => Promise.resolve(Readable.from(chunks)) } as unknown as Docker;
}

describe('advice on a failed build (recorded streams)', () => {
  const options = { image: 'dillinger-runner:local', contextDir: defaultRunnerContext(), build: true };
  it('a missing debian:bookworm-slim: run scripts/provision.sh', async () => {
    const docker = recordedEngine([
      { stream: 'Step 1/12 : FROM debian:bookworm-slim AS builder' }, { stream: '\n' },
      { errorDetail: { message: 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host' }, error: 'Get ...' },
    ]);
    const error = await ensureRunnerImage(docker, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect(messageOf(error)).toMatch(/step 1\/12 \(FROM debian:bookworm-slim AS builder\): Get .*no such host\..*run scripts\/provision\.sh as root: it makes debian:bookworm-slim locally/);
  });
  it('apt failing to download: check the network', async () => {
    const docker = recordedEngine([
      { stream: 'Step 2/12 : RUN apt-get update && apt-get install -y gcc' }, { stream: '\n' },
      { stream: "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'\n" },
      { errorDetail: { code: 100, message: "The command '/bin/sh -c apt-get update && apt-get install -y gcc' returned a non-zero code: 100" }, error: '...' },
    ]);
    await expect(ensureRunnerImage(docker, options)).rejects.toThrow(/step 2\/12 .*returned a non-zero code: 100\. .*check this machine's network connection/);
  });
});

describe('defaultRunnerContext', () => {
  const repo = resolve(__dirname, '..', '..', '..');
  it('finds resources/runner from the source tree and from the built out/main', () => {
    expect(defaultRunnerContext()).toBe(join(repo, 'resources', 'runner'));
    expect(defaultRunnerContext(join(repo, 'out', 'main'))).toBe(join(repo, 'resources', 'runner'));
  });
  it('says what is wrong when there is none', () => {
    expect(() => defaultRunnerContext(tempDir())).toThrow(/No resources\/runner\/Dockerfile in .* or any folder above it.*Reinstall/);
  });
});

describe('runnerContextVersion', () => {
  it('changes with any file of the context, its name or its content, and only then', () => {
    const dir = context('FROM debian:bookworm-slim\n');
    const first = runnerContextVersion(dir);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(runnerContextVersion(dir)).toBe(first);
    writeFileSync(join(dir, 'x'), 'y\n');
    const second = runnerContextVersion(dir);
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'z'), '');
    expect(runnerContextVersion(dir)).not.toBe(second);
  });
});
