// Docker's streamed stats (GET /containers/{id}/stats?stream=1, what dockerode's
// `container.stats({stream: true})` asks for), read over a bare socket with a minimal HTTP/1.1
// client: one read into a buffer shared by all streams and a few indexOf calls per frame, where
// Node's HTTP client cost ~0.4 ms of CPU a frame (bench/metrics-sampler.bench.ts; docs/design-notes.md).
// Only HTTP/1.1 over a unix socket or plain TCP: for anything else (TLS, ssh) rawStatsEndpoint
// answers undefined and the caller stays on dockerode. Frames (one JSON a line) are cut out of the
// body, chunked or not, whatever the read boundaries; a non-200 answer becomes an error with
// `statusCode` and the engine's message, like dockerode's.
import { connect, type Socket } from 'node:net';

export interface RawStatsEndpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  /** API version prefix (`v1.41`), as docker-modem adds it when configured. */
  readonly version?: string;
}

/** The endpoint of a dockerode instance when the raw client can speak to it, else undefined. */
export function rawStatsEndpoint(docker: unknown): RawStatsEndpoint | undefined {
  const modem = (docker as { modem?: Record<string, unknown> } | null)?.modem;
  if (typeof modem !== 'object' || modem === null) return undefined;
  const version = typeof modem.version === 'string' && /^v?\d+\.\d+$/.test(modem.version) ? modem.version : undefined;
  if (typeof modem.host === 'string' && modem.host !== '') {
    if (modem.protocol !== 'http') return undefined;
    const port = Number(modem.port ?? 80);
    if (!Number.isInteger(port) || port <= 0 || modem.host.includes('/')) return undefined;
    return { host: modem.host, port, ...(version ? { version } : {}) };
  }
  if (typeof modem.socketPath === 'string' && modem.socketPath !== '') return { socketPath: modem.socketPath, ...(version ? { version } : {}) };
  return undefined;
}

export interface RawStatsHandlers {
  /** One frame's JSON text (without its newline). */
  onFrame(text: string): void;
  /** The stream ended (error: why, when it was not a clean end). Called once, never after destroy(). */
  onClose(error?: Error): void;
}

export interface RawStatsStream {
  /** The socket, for tests that cut the connection. */
  readonly socket: Socket;
  destroy(): void;
}

/** A frame is a few KB; a line this long without a newline is garbage and is dropped. */
export const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
const CR = 0x0d;

const enum Body {
  /** Reading the chunk-size line. */
  Size,
  /** Inside a chunk: `remaining` bytes of data left. */
  Data,
  /** The CRLF after a chunk's data. */
  DataEnd,
  /** After the last (0-size) chunk. */
  Done,
  /** Not chunked: everything up to the end of the connection is body. */
  Identity,
}

/**
 * One read buffer for every stream (`onread`): a read lands in it and is consumed synchronously, so
 * no Buffer is allocated per read and the socket's Readable machinery is bypassed. Whatever must
 * outlive the read (a frame cut across reads, a response head) is copied out.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export function openRawStats(endpoint: RawStatsEndpoint, containerId: string, handlers: RawStatsHandlers): RawStatsStream {
  const path = `${endpoint.version ? `/${endpoint.version}` : ''}/containers/${encodeURIComponent(containerId)}/stats?stream=1`;
  const onread = {
    buffer: READ_BUFFER,
    callback: (bytes: number, buf: Uint8Array): boolean => {
      onData(Buffer.from(buf.buffer, buf.byteOffset, bytes));
      return true;
    },
  };
  const socket =
    endpoint.socketPath !== undefined
      ? connect({ path: endpoint.socketPath, onread })
      : connect({ port: endpoint.port ?? 80, host: endpoint.host ?? 'localhost', onread });
  let closed = false;
  let head: Buffer | undefined = Buffer.alloc(0); // the response head, until its blank line
  let status = 0;
  let errorBody = '';
  let state = Body.Size;
  let remaining = 0;
  let sizeLine = '';
  /** Pieces of a frame that spans reads (usually empty: a frame arrives in one read). */
  let parts: Buffer[] = [];
  let partBytes = 0;

  const finish = (error?: Error): void => {
    if (closed) return;
    closed = true;
    socket.destroy();
    handlers.onClose(error);
  };

  /** Body bytes [start, end) of buf: frames cut on newlines (non-200: kept as the error message). */
  const body = (buf: Buffer, start: number, end: number): void => {
    if (status !== 200) {
      if (errorBody.length < 4096) errorBody += buf.toString('utf8', start, end);
      return;
    }
    let from = start;
    while (from < end && !closed) {
      const newline = buf.indexOf(NEWLINE, from);
      if (newline < 0 || newline >= end) {
        partBytes += end - from;
        if (partBytes > MAX_FRAME_BYTES) {
          parts = [];
          partBytes = 0;
          handlers.onFrame(''); // an empty frame: the caller reports it as unreadable
          return;
        }
        parts.push(Buffer.from(buf.subarray(from, end))); // a copy: buf is the shared read buffer
        return;
      }
      let text: string;
      if (parts.length === 0) {
        text = buf.toString('utf8', from, newline);
      } else {
        parts.push(buf.subarray(from, newline));
        text = Buffer.concat(parts).toString('utf8');
        parts = [];
        partBytes = 0;
      }
      from = newline + 1;
      if (text.length > 1 || (text.length === 1 && text !== '\r')) handlers.onFrame(text);
    }
  };

  /** Chunked transfer decoding over one read. */
  const chunked = (buf: Buffer, start: number): void => {
    let at = start;
    while (at < buf.length && !closed) {
      if (state === Body.Data) {
        const end = Math.min(buf.length, at + remaining);
        body(buf, at, end);
        remaining -= end - at;
        at = end;
        if (remaining === 0) state = Body.DataEnd;
      } else if (state === Body.DataEnd) {
        // CRLF after the data; tolerate it split across reads.
        if (buf[at] === CR) at += 1;
        else if (buf[at] === NEWLINE) {
          at += 1;
          state = Body.Size;
        } else {
          finish(new Error('malformed chunked response from the engine (no CRLF after a chunk)'));
          return;
        }
      } else if (state === Body.Size) {
        const newline = buf.indexOf(NEWLINE, at);
        if (newline < 0) {
          sizeLine += buf.toString('latin1', at);
          if (sizeLine.length > 64) finish(new Error('malformed chunked response from the engine (chunk size line too long)'));
          return;
        }
        sizeLine += buf.toString('latin1', at, newline);
        at = newline + 1;
        const size = parseInt(sizeLine.split(';', 1)[0]?.trim() ?? '', 16);
        sizeLine = '';
        if (!Number.isInteger(size) || size < 0) {
          finish(new Error('malformed chunked response from the engine (bad chunk size)'));
          return;
        }
        if (size === 0) {
          state = Body.Done;
          return;
        }
        remaining = size;
        state = Body.Data;
      } else {
        return; // Done: trailers and anything after are ignored; the engine closes the connection
      }
    }
  };

  const onData = (data: Buffer): void => {
    if (closed) return;
    let start = 0;
    let buf = data;
    if (head !== undefined) {
      const joined: Buffer = head.length === 0 ? data : Buffer.concat([head, data]);
      const blank = joined.indexOf('\r\n\r\n');
      if (blank < 0) {
        if (joined.length > MAX_HEADER_BYTES) finish(new Error('the engine sent an oversized response head'));
        else head = Buffer.from(joined);
        return;
      }
      const lines = joined.toString('latin1', 0, blank).split('\r\n');
      head = undefined;
      const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
      if (!statusLine) {
        finish(new Error(`unexpected answer from the engine: ${JSON.stringify(lines[0] ?? '')}`));
        return;
      }
      status = Number(statusLine[1]);
      const isChunked = lines.some((line) => /^transfer-encoding:.*chunked/i.test(line));
      state = isChunked ? Body.Size : Body.Identity;
      buf = joined;
      start = blank + 4;
    }
    if (state === Body.Identity) body(buf, start, buf.length);
    else chunked(buf, start);
  };

  const onEnd = (): void => {
    if (closed) return;
    if (status !== 0 && status !== 200) {
      const message = readMessage(errorBody) ?? `HTTP ${status}`;
      finish(Object.assign(new Error(`(HTTP code ${status}) ${message}`), { statusCode: status, reason: message }));
      return;
    }
    if (parts.length > 0 && status === 200) {
      // A last frame without its newline (a body that ends mid-line): hand it over; JSON.parse decides.
      const text = Buffer.concat(parts).toString('utf8');
      parts = [];
      if (text.trim() !== '') handlers.onFrame(text);
    }
    finish(status === 0 ? new Error('the engine closed the connection before answering') : undefined);
  };

  socket.on('connect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: dillinger-runner\r\nAccept: application/json\r\nConnection: close\r\n\r\n`);
  });
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', (error: Error) => finish(error));
  socket.on('close', () => {
    if (!closed) onEnd();
  });

  return {
    socket,
    destroy() {
      closed = true;
        socket.destroy();
    },
  };
}

function readMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const json = JSON.parse(trimmed) as { message?: unknown };
    if (typeof json.message === 'string') return json.message;
  } catch {
    // not JSON: the text itself
  }
  return trimmed.slice(0, 500);
}
