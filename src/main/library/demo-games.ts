// On a fresh install, copy the demo games out of the runner image into the library folder, so a
// newcomer can press Play at once. Done once per library: a marker file remembers it, so demos the
// user deleted stay deleted, and a folder that already exists is never touched.
import { chmodSync, createWriteStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { extract, type Headers } from 'tar-stream';
import { MANIFEST_FILE } from '../../shared/library/manifest';
import { PURPOSE_LABEL } from '../docker/labels';
import { ImageError, ensureRunnerImage, type BuildProgress } from '../docker/runner-image';

/** Where the runner image keeps the demos, one folder each with its game.json. */
export const DEMOS_IN_IMAGE = '/opt/dillinger/demos';
/** Written into the library once it has been seeded. */
export const DEMOS_MARKER = '.dillinger-demos.json';
/** Label of the short-lived container the demos are copied from (never started). */
export const SEED_CONTAINER_LABEL = { key: PURPOSE_LABEL, value: 'seed-demos' } as const;

export interface SeedResult {
  /** The demo folders added to the library (each named after its game id). */
  added: string[];
}

export interface DemosMarker {
  ids: string[];
  seededAt: string;
}

const seeding = new Map<string, Promise<SeedResult>>();

/**
 * Seeds the library with the image's demos unless it was seeded before. With `contextDir`, the image
 * is built first when missing (progress goes to `onProgress`); without it, it must exist already.
 */
export function seedDemoGames(
  docker: Docker,
  image: string,
  libraryDir: string,
  contextDir?: string,
  onProgress?: (progress: BuildProgress) => void,
): Promise<SeedResult> {
  const key = resolve(libraryDir);
  const running = seeding.get(key);
  if (running) return running; // two starts at once must not race each other's renames
  const promise = seed(docker, image, key, contextDir, onProgress).finally(() => seeding.delete(key));
  seeding.set(key, promise);
  return promise;
}

async function seed(docker: Docker, image: string, libraryDir: string, contextDir: string | undefined, onProgress?: (p: BuildProgress) => void): Promise<SeedResult> {
  mkdirSync(libraryDir, { recursive: true });
  if (existsSync(join(libraryDir, DEMOS_MARKER))) return { added: [] };
  if (contextDir !== undefined) await ensureRunnerImage(docker, { image, contextDir, build: true, ...(onProgress ? { onProgress } : {}) });

  // Extract next to the games (same file system), so each demo appears by one atomic rename and the
  // library never shows a half-copied game. The dot keeps readLibrary and the user's eye off it.
  const staging = mkdtempSync(join(libraryDir, '.dillinger-demos-'));
  try {
    if (!(await copyDemosOut(docker, image, staging))) return { added: [] };
    const added: string[] = [];
    for (const folder of readdirSync(staging).sort()) {
      const target = join(libraryDir, folder);
      if (exists(target)) continue; // the user's folder (or an earlier demo they changed) stays as it is
      try {
        renameSync(join(staging, folder), target);
        added.push(folder);
      } catch (error) {
        // Created between the check and the rename: theirs wins.
        if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      }
    }
    const marker: DemosMarker = { ids: added.map((folder) => gameIdOf(join(libraryDir, folder)) ?? folder), seededAt: new Date().toISOString() };
    const markerPath = join(libraryDir, DEMOS_MARKER);
    writeFileSync(`${markerPath}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
    renameSync(`${markerPath}.tmp`, markerPath);
    return { added };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Copies the image's demo folders into `dir`. False when the image has none (a user's own image). */
async function copyDemosOut(docker: Docker, image: string, dir: string): Promise<boolean> {
  let container: Docker.Container;
  try {
    container = await docker.createContainer({
      Image: image,
      Entrypoint: ['/bin/true'],
      NetworkDisabled: true,
      Labels: { [SEED_CONTAINER_LABEL.key]: SEED_CONTAINER_LABEL.value },
      HostConfig: { NetworkMode: 'none' },
    });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new ImageError(`The runner image ${image} is not on this machine, so the demo games cannot be copied from it. Start a game once (the app then builds or checks the image) and try again.`, image, { cause: error });
    }
    throw error;
  }
  try {
    let archive: NodeJS.ReadableStream;
    try {
      archive = await container.getArchive({ path: `${DEMOS_IN_IMAGE}/.` });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
    await extractInto(archive, dir);
    return true;
  } finally {
    await container.remove({ force: true }).catch(() => undefined); // never started: removal only fails if it is gone already
  }
}

/** Unpacks regular files and folders with their permission bits; anything else (links, devices) is skipped. */
async function extractInto(archive: NodeJS.ReadableStream, dir: string): Promise<void> {
  const unpack = extract();
  unpack.on('entry', (header: Headers, body: Readable, next: (error?: unknown) => void) => {
    writeEntry(header, body, dir).then(() => next(), (error: unknown) => {
      body.resume();
      next(error);
    });
  });
  await pipeline(Readable.from(archive), unpack);
}

async function writeEntry(header: Headers, body: Readable, dir: string): Promise<void> {
  const relativePath = header.name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (relativePath === '' || relativePath === '.') {
    body.resume();
    return;
  }
  const parts = relativePath.split('/');
  if (relativePath.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`The runner image's demo folder holds an unexpected path (${header.name}); the demos were not added.`);
  }
  const path = join(dir, ...parts);
  const mode = (header.mode ?? 0) & 0o777; // no setuid/setgid/sticky bits in the user's library
  if (header.type === 'directory') {
    mkdirSync(path, { recursive: true });
    chmodSync(path, mode | 0o700); // we still have to write the folder's files
    body.resume();
    return;
  }
  if (header.type !== 'file' && header.type !== 'contiguous-file') {
    // A link could point anywhere on the host once it sits in the library: demos do not need them.
    body.resume();
    return;
  }
  mkdirSync(join(path, '..'), { recursive: true });
  await pipeline(body, createWriteStream(path, { mode: 0o600 }));
  chmodSync(path, mode); // exactly the image's bits (the umask would drop some): the Linux demo stays executable
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function gameIdOf(folder: string): string | undefined {
  try {
    const id: unknown = (JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
