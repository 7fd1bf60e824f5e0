// A session's container output, kept in a bounded file: when it outgrows its limit, the oldest half
// is dropped (a game that logs forever must not fill the disk). Followed live through the contract.
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export const LOG_LIMIT_BYTES = 2 * 1024 * 1024;

export class BoundedLog {
  private size: number;

  constructor(
    readonly file: string,
    private readonly limit = LOG_LIMIT_BYTES,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.size = sizeOf(file);
  }

  append(text: string): void {
    appendFileSync(this.file, text, { mode: 0o600 });
    this.size += Buffer.byteLength(text);
    if (this.size > this.limit) this.trim();
  }

  private trim(): void {
    const content = readFileSync(this.file);
    const keep = content.subarray(content.length - Math.floor(this.limit / 2));
    const start = keep.indexOf(0x0a) + 1; // start at a whole line
    const kept = Buffer.concat([Buffer.from('[… earlier output dropped: the log keeps the last part]\n'), keep.subarray(start)]);
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, kept, { mode: 0o600 });
    renameSync(temp, this.file);
    this.size = kept.length;
  }
}

/** The end of a session's log, at most `maxBytes`. */
export function readLogTail(file: string, maxBytes: number): { text: string; truncated: boolean } {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    return { text: '', truncated: false };
  }
  if (content.length <= maxBytes) return { text: content.toString(), truncated: false };
  const tail = content.subarray(content.length - maxBytes);
  return { text: tail.subarray(tail.indexOf(0x0a) + 1).toString(), truncated: true };
}

/**
 * The runner's own reason for not starting a game: the entrypoint exits 125 (setup failed, e.g. a
 * Wayland socket the uid may not use) or 122 (Wine cannot start the program: 32-bit, not a program,
 * a DLL missing) after one line `dillinger-entrypoint: <reason>`. The last such line; its
 * `dillinger-entrypoint: note: …` lines only tell what it is doing, and are never the reason.
 */
export function runnerMessage(file: string): string | undefined {
  const prefix = 'dillinger-entrypoint: ';
  const line = readLogTail(file, 8192).text.split('\n').reverse().find((l) => l.startsWith(prefix) && !l.startsWith(`${prefix}note:`));
  return line?.slice(prefix.length).trim() || undefined;
}

/**
 * Follows a container's stdout and stderr into the log until the container ends. `done` resolves
 * when the stream has ended (all output written), which is when the container may be removed.
 */
export async function followContainerLogs(
  docker: Docker,
  containerId: string,
  log: BoundedLog,
  onOutput: (text: string) => void,
  sinceSeconds = 0,
): Promise<{ done: Promise<void>; stop(): void }> {
  const stream = (await docker.getContainer(containerId).logs({ follow: true, stdout: true, stderr: true, since: sinceSeconds })) as NodeJS.ReadableStream;
  const output = new PassThrough();
  docker.modem.demuxStream(stream, output, output);
  output.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    log.append(text);
    onOutput(text);
  });
  const done = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  return { done, stop: () => (stream as unknown as { destroy(): void }).destroy() };
}

/**
 * Where a restarted app picks up an adopted container's output: from the log's last write (the
 * whole of that second, as Docker's `since` counts in seconds: a line of that second may show twice,
 * none is lost), or from the container's start when nothing was logged yet. What the game wrote
 * while no app followed it is in its log too.
 */
export function resumeLogSince(file: string, containerStartedAt: string | undefined): number {
  try {
    return Math.floor(statSync(file).mtimeMs / 1000);
  } catch {
    const started = containerStartedAt ? Date.parse(containerStartedAt) : Number.NaN;
    return Number.isNaN(started) ? 0 : Math.floor(started / 1000);
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
