// The runner image games start in: use it when the engine has it, otherwise build it from
// resources/runner (or tell the user how to get a prebuilt one), reporting the build's progress.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type Docker from 'dockerode';
import { BUILDER_STAGE_LABEL, RUNNER_VERSION_LABEL } from './labels';
import { messageOf } from '../../shared/errors';

export interface BuildProgress {
  image: string;
  /** The Dockerfile step being run, 1-based; 0 before the first step. */
  step: number;
  totalSteps: number;
  /** One line of the builder's output, trimmed; for a step, its instruction (`RUN ...`). */
  line: string;
}

export interface EnsureRunnerImageOptions {
  image: string;
  contextDir: string;
  /** False when the user configured a prebuilt image: then a missing image is an error, never a build. */
  build: boolean;
  onProgress?: (progress: BuildProgress) => void;
}

export interface EnsuredImage {
  image: string;
  /** True when this call (or the in-flight call it joined) built the image. */
  built: boolean;
}

export class ImageError extends Error {
  override name = 'ImageError';
  constructor(message: string, readonly image: string, options?: ErrorOptions) {
    super(message, options);
  }
}


/** sha256 over the context's relative paths and contents, in a stable order: the runner image's version. */
export function runnerContextVersion(contextDir: string): string {
  const hash = createHash('sha256');
  for (const file of listContextFiles(contextDir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(contextDir, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

interface StepSeen {
  step: number;
  totalSteps: number;
}

export type BuildLine =
  | { kind: 'progress'; step: number; totalSteps: number; line: string }
  | { kind: 'error'; message: string }
  | { kind: 'ignore' };

/** Reads one JSON object of the classic builder's /build stream; `last` is the step seen so far. */
export function parseBuildLine(json: unknown, last: StepSeen): BuildLine {
  if (typeof json !== 'object' || json === null) return { kind: 'ignore' };
  const record = json as { stream?: unknown; status?: unknown; error?: unknown; errorDetail?: { message?: unknown } };
  if (record.error !== undefined || record.errorDetail !== undefined) {
    const detail = record.errorDetail?.message;
    const message = typeof detail === 'string' && detail ? detail : typeof record.error === 'string' ? record.error : 'unknown build error';
    return { kind: 'error', message };
  }
  const text = typeof record.stream === 'string' ? record.stream : typeof record.status === 'string' ? record.status : '';
  const line = text.trim();
  if (!line) return { kind: 'ignore' };
  const step = /^Step (\d+)\/(\d+) : ([\s\S]*)$/.exec(line);
  if (step) return { kind: 'progress', step: Number(step[1]), totalSteps: Number(step[2]), line: (step[3] ?? '').trim() };
  return { kind: 'progress', step: last.step, totalSteps: last.totalSteps, line };
}

interface SharedBuild {
  promise: Promise<EnsuredImage>;
  listeners: Set<(progress: BuildProgress) => void>;
}

/** In-flight ensures per engine and image: a second caller joins the first instead of building again. */
const inFlight = new WeakMap<Docker, Map<string, SharedBuild>>();

export function ensureRunnerImage(docker: Docker, options: EnsureRunnerImageOptions): Promise<EnsuredImage> {
  let builds = inFlight.get(docker);
  if (!builds) inFlight.set(docker, (builds = new Map()));
  const running = builds.get(options.image);
  if (running) {
    if (options.onProgress) running.listeners.add(options.onProgress);
    return running.promise;
  }
  const listeners = new Set<(progress: BuildProgress) => void>();
  if (options.onProgress) listeners.add(options.onProgress);
  const emit = (progress: BuildProgress): void => {
    for (const listener of listeners) {
      try {
        listener(progress);
      } catch (error) {
        // A broken progress display must not abort a build that other callers wait for.
        console.error('runner image: a progress listener failed', error);
      }
    }
  };
  const map = builds;
  const promise = ensure(docker, options, emit).finally(() => map.delete(options.image));
  map.set(options.image, { promise, listeners });
  return promise;
}

async function ensure(docker: Docker, options: EnsureRunnerImageOptions, emit: (p: BuildProgress) => void): Promise<EnsuredImage> {
  const { image, contextDir } = options;
  const existing = await imageLabels(docker, image);
  if (existing && !options.build) return { image, built: false };
  if (!options.build) {
    const advice = `Download it with "docker pull ${image}", or clear the runner image setting so the app builds its own runner image.`;
    throw new ImageError(`The runner image ${image} is not on this machine. ${advice}`, image);
  }
  if (!existsSync(join(contextDir, 'Dockerfile'))) {
    if (existing) return { image, built: false }; // nothing to compare with: keep what the engine has
    throw new ImageError(`Cannot build ${image}: there is no Dockerfile in ${contextDir}. The app's files are incomplete: reinstall it.`, image);
  }
  const version = runnerContextVersion(contextDir);
  if (existing?.[RUNNER_VERSION_LABEL] === version) return { image, built: false };
  if (existing) {
    emit({ image, step: 0, totalSteps: 0, line: `${image} was built from other runner files (version ${existing[RUNNER_VERSION_LABEL] ?? 'unknown'}, now ${version}): rebuilding it` });
  }
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(
      { context: contextDir, src: listContextFiles(contextDir) },
      { t: image, networkmode: 'host', rm: true, forcerm: true, labels: { [RUNNER_VERSION_LABEL]: version } },
    );
  } catch (error) {
    throw new ImageError(`Docker refused to build ${image} (${messageOf(error)}). Check that the engine runs (docker info) and try again.`, image, { cause: error });
  }
  const last = await followBuild(stream, image, contextDir, emit);
  // The stream ended without an error line; make sure the tag is really there before saying so.
  if (!(await imageExists(docker, image))) {
    throw new ImageError(`Building ${image} ended without an error, but the engine has no such image. Run "docker build --network host -t ${image} ${contextDir}" to see the whole log.`, image);
  }
  await pruneBuilderLeftovers(docker, (line) => emit({ image, ...last, line }));
  return { image, built: true };
}

async function imageExists(docker: Docker, image: string): Promise<boolean> {
  return (await imageLabels(docker, image)) !== undefined;
}

/** The image's labels, or undefined when the engine has no such image (also read for a game's own runner: game-runner-image.ts). */
export async function imageLabels(docker: Docker, image: string): Promise<Record<string, string> | undefined> {
  try {
    const info = await docker.getImage(image).inspect();
    return info.Config?.Labels ?? {};
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw new ImageError(`Could not ask the Docker engine about ${image} (${messageOf(error)}). Check that it runs (docker info).`, image, { cause: error });
  }
}

/** Every file under the context, relative to it: what `docker build` sends (dockerode applies .dockerignore). */
function listContextFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listContextFiles(root, path));
    else files.push(relative(root, path));
  }
  return files.sort();
}

/** Reads the build's JSON lines until the end; rejects on Docker's error line. Resolves with the last step. */
function followBuild(stream: NodeJS.ReadableStream, image: string, contextDir: string, emit: (p: BuildProgress) => void): Promise<StepSeen> {
  return new Promise((resolve, reject) => {
    let last: StepSeen = { step: 0, totalSteps: 0 };
    let stepLine = '';
    let buffered = '';
    let failed = false;
    let ended = false;
    const recent: string[] = []; // the last lines, to recognise network failures behind a bare exit code
    const handle = (raw: string): void => {
      if (failed || !raw.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        json = { stream: raw }; // not JSON: still worth showing
      }
      const parsed = parseBuildLine(json, last);
      if (parsed.kind === 'error') {
        failed = true;
        reject(new ImageError(buildFailure(image, contextDir, parsed.message, last, stepLine, recent), image));
      } else if (parsed.kind === 'progress') {
        if (parsed.step !== last.step) stepLine = parsed.line;
        last = { step: parsed.step, totalSteps: parsed.totalSteps };
        recent.push(parsed.line);
        if (recent.length > 20) recent.shift();
        emit({ image, step: parsed.step, totalSteps: parsed.totalSteps, line: parsed.line });
      }
    };
    stream.setEncoding('utf8'); // decodes characters split across chunks
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(handle);
    });
    stream.on('error', (error: Error) => {
      if (failed) return;
      failed = true;
      reject(new ImageError(`The connection to the Docker engine broke while building ${image} (${error.message}). Try again.`, image, { cause: error }));
    });
    stream.on('end', () => {
      ended = true;
      handle(buffered);
      if (!failed) resolve(last);
    });
    stream.on('close', () => {
      if (ended || failed) return;
      failed = true;
      reject(new ImageError(`The Docker engine closed the connection before building ${image} finished. Check that it runs (docker info) and try again.`, image));
    });
  });
}

/** Docker's own message, plus what the person can do about it. */
function buildFailure(image: string, contextDir: string, message: string, last: StepSeen, stepLine: string, recent: string[]): string {
  const where = last.step > 0 ? ` at step ${last.step}/${last.totalSteps} (${stepLine})` : '';
  const head = `Building the runner image ${image} failed${where}: ${message.replace(/\.?\s*$/, '.')}`;
  const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(stepLine)?.[1];
  if (from) {
    const fix = /^debian:(trixie|bookworm)-slim$/.test(from) ? `run scripts/provision.sh as root: it makes ${from} locally` : `run "docker pull ${from}" where the registry is reachable, or make ${from} locally`;
    return `${head} The base image ${from} is not on this machine and Docker could not download it: ${fix}.`;
  }
  const network = /temporary failure resolving|could not resolve|failed to fetch|network is unreachable|connection timed out|no such host|unable to connect/i;
  if (network.test(message) || recent.some((line) => network.test(line)) || (/apt-get/.test(stepLine) && /code: 100\b/.test(message))) {
    return `${head} Downloading packages inside the build failed: check this machine's network connection (the build uses the host's network and its Debian mirror) and try again.`;
  }
  return `${head} Run "docker build --network host -t ${image} ${contextDir}" to see the whole log.`;
}

async function pruneBuilderLeftovers(docker: Docker, say: (line: string) => void): Promise<void> {
  try {
    // Only dangling images with our builder-stage label: anything else (the user's images, or
    // intermediate layers of other builds) is left alone.
    // Also the runner images a rebuild untagged (older versions), unless a container still uses them.
    let removed = 0;
    for (const label of [BUILDER_STAGE_LABEL, RUNNER_VERSION_LABEL]) {
      const result = await docker.pruneImages({ filters: { dangling: ['true'], label: [label] } });
      removed += result.ImagesDeleted?.length ?? 0;
    }
    if (removed > 0) say(`Removed ${removed} leftover image layer(s) of the builder stage and older runner versions`);
  } catch (error) {
    // The image is built; leftovers only cost disk space, so say so and carry on.
    say(`Could not remove the builder stage's leftover images (${messageOf(error)}); "docker image prune" can.`);
  }
}

/** The runner image sessions use: the one set in Settings (prebuilt, never built), else the app's own, built from its Dockerfile. */
export function runnerImageOf(configured: string | undefined): { name: string; build: boolean; contextDir: string } {
  return configured ? { name: configured, build: false, contextDir: '' } : { name: 'dillinger-runner:local', build: true, contextDir: defaultRunnerContext() };
}

/** The folder holding the runner's Dockerfile, found from this file's location (src/main/docker under tsx, out/main in a build). */
export function defaultRunnerContext(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'runner');
    if (existsSync(join(candidate, 'Dockerfile'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`No resources/runner/Dockerfile in ${from} or any folder above it: the app's files are incomplete. Reinstall it, or set a prebuilt runner image in Settings.`);
}

