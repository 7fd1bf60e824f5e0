// Follows one container's streamed Docker stats (`container.stats({stream: true})`, one frame a
// second, newline-delimited JSON) and turns each frame into a sample with stats-math.
//
// - Frames are split on newlines whatever the chunk boundaries (a frame across chunks, several in one,
//   a multi-byte character cut in two): a StringDecoder plus a carry-over buffer.
// - The previous frame is kept, so a frame without Docker's precpu (a stream's first, including after a
//   re-open) still gives a sample.
// - The stream erroring or ending is not the end of sampling: if the container still runs (inspect), the
//   stream is re-opened after a backoff (doubling, capped); a container that is gone or stopped ends it
//   for good. Sampling problems go to onError and never throw: the session never fails because of them.
// - The disposer destroys the stream and clears the timer; nothing is delivered after it.
// - Where `docker` is a dockerode instance on a unix socket or plain HTTP, the same endpoint is read
//   over a bare socket (raw-stats-stream.ts: one read and an indexOf per frame instead of Node's
//   HTTP client, a Readable and a StringDecoder); any other source goes through `stats({stream})`.
import { StringDecoder } from 'node:string_decoder';
import { openRawStats, rawStatsEndpoint, type RawStatsEndpoint, type RawStatsStream } from './raw-stats-stream';
import { sampleFromStats, type DockerStats, type StatsLimits } from './stats-math';
import type { StoredSample } from '../files/stored-sample';
import { messageOf } from '../../../shared/errors';

/** A stream as dockerode hands it over (an http.IncomingMessage). */
export type StatsStream = NodeJS.ReadableStream & { destroy(error?: Error): unknown; readonly destroyed?: boolean };

/** The part of dockerode the sampler uses (a `Docker` instance fits). */
export interface StatsSource {
  getContainer(id: string): {
    stats(options: { stream: true }): Promise<NodeJS.ReadableStream>;
    inspect(): Promise<{ State: { Running: boolean } }>;
  };
}

export interface FollowStatsOptions {
  limits: StatsLimits;
  onSample(sample: StoredSample): void;
  /** A sampling problem (unparsable frame, lost stream, engine error); informational only. */
  onError?(error: Error): void;
  /** Called once sampling stopped for good because the container is gone or no longer runs. */
  onEnd?(): void;
  /** Re-open backoff in ms: first wait, and the cap it doubles up to. Defaults 500 and 10000. */
  backoff?: { initialMs: number; maxMs: number };
  /** Test hook: each stream as it opens (so a test can cut it); on the raw path, its socket. */
  onStreamOpened?(stream: StatsStream): void;
  /**
   * The bare-socket client for dockerode instances it can speak to (the default), or always
   * `container.stats({stream: true})` (false). A source without `modem` always takes the latter.
   */
  raw?: boolean;
}

/** Upper bound on a carried-over partial line: a frame is a few KB; garbage is dropped, not buffered forever. */
const MAX_LINE_CHARS = 1024 * 1024;

export function followStats(docker: StatsSource, containerId: string, options: FollowStatsOptions): () => void {
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const container = docker.getContainer(containerId);
  const endpoint: RawStatsEndpoint | undefined = options.raw === false ? undefined : rawStatsEndpoint(docker);
  let disposed = false;
  let stream: { destroy(): unknown } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let previous: DockerStats | undefined;
  let delayMs = initialMs;

  const report = (error: unknown): void => {
    if (disposed || options.onError === undefined) return;
    try {
      options.onError(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A listener's failure must not stop sampling.
    }
  };

  const onFrame = (line: string): void => {
    let frame: DockerStats;
    try {
      frame = JSON.parse(line) as DockerStats;
    } catch (error) {
      report(new Error(`unreadable stats frame for ${containerId}: ${messageOf(error)}`));
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.cpu_stats !== 'object' || typeof frame.memory_stats !== 'object') {
      report(new Error(`stats frame for ${containerId} lacks cpu_stats/memory_stats`));
      return;
    }
    const sample = sampleFromStats(frame, options.limits, previous);
    if (frame.cpu_stats.system_cpu_usage) previous = frame;
    if (sample === undefined) return;
    delayMs = initialMs; // frames flow again: the next loss starts from the first backoff
    try {
      options.onSample(sample);
    } catch (error) {
      report(error);
    }
  };

  const attach = (opened: StatsStream): void => {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lost = false;
    const consume = (text: string): void => {
      pending += text;
      let newline = pending.indexOf('\n');
      while (newline >= 0 && !disposed && stream === opened) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') onFrame(line);
        newline = pending.indexOf('\n');
      }
      if (pending.length > MAX_LINE_CHARS) {
        report(new Error(`stats stream for ${containerId} sent ${pending.length} characters without a newline; dropped`));
        pending = '';
      }
    };
    const lose = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (disposed || stream !== opened) return;
      if (pending.trim() !== '') consume(`${decoder.end()}\n`); // a last frame without its newline
      stream = undefined;
      opened.destroy();
      if (error) report(new Error(`stats stream for ${containerId} failed: ${error.message}`, { cause: error }));
      void recover();
    };
    opened.on('data', (chunk: Buffer | string) => consume(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    opened.on('error', (error: Error) => lose(error));
    opened.on('end', () => lose());
    opened.on('close', () => lose());
  };

  /** The bare-socket path: frames come whole, already cut on newlines. */
  const openRaw = (at: RawStatsEndpoint): void => {
    let lost = false;
    const opened: RawStatsStream = openRawStats(at, containerId, {
      // Callbacks come from socket events, so `opened` is assigned by then.
      onFrame: (text) => {
        if (!disposed && stream === opened) onFrame(text);
      },
      onClose: (error) => {
        if (lost) return;
        lost = true;
        if (disposed || stream !== opened) return;
        stream = undefined;
        if (error) {
          const refused = (error as { statusCode?: number }).statusCode !== undefined;
          report(new Error(`${refused ? 'could not open the stats stream' : 'stats stream failed'} for ${containerId}: ${error.message}`, { cause: error }));
        }
        void recover();
      },
    });
    stream = opened;
    options.onStreamOpened?.(opened.socket);
  };

  const open = async (): Promise<void> => {
    if (endpoint !== undefined) {
      openRaw(endpoint);
      return;
    }
    let opened: StatsStream;
    try {
      opened = (await container.stats({ stream: true })) as StatsStream;
    } catch (error) {
      report(new Error(`could not open the stats stream for ${containerId}: ${messageOf(error)}`, { cause: error }));
      if (!disposed) void recover();
      return;
    }
    if (disposed) {
      opened.destroy();
      return;
    }
    stream = opened;
    attach(opened);
    options.onStreamOpened?.(opened);
  };

  /** After a loss: re-open later if the container still runs; stop for good if it is gone or stopped. */
  const recover = async (): Promise<void> => {
    let running: boolean;
    try {
      running = (await container.inspect()).State.Running;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      running = status !== 404; // the engine itself may be back shortly: keep trying; 404: it is gone
      if (running) report(new Error(`could not inspect ${containerId}: ${messageOf(error)}`, { cause: error }));
    }
    if (disposed) return;
    if (!running) {
      options.onEnd?.();
      return;
    }
    const wait = delayMs;
    delayMs = Math.min(maxMs, delayMs * 2);
    timer = setTimeout(() => {
      timer = undefined;
      if (!disposed) void open();
    }, wait);
  };

  void open();
  return () => {
    if (disposed) return;
    disposed = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    stream?.destroy();
    stream = undefined;
  };
}
