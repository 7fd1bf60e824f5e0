// The bare-socket stats client against a scripted engine on a unix socket: the request it sends,
// chunked decoding whatever the read boundaries, error answers, a plain body, and disposal. The
// real engine: stats-stream.live.test.ts (followStats takes this path for a socketPath dockerode).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRawStats, rawStatsEndpoint } from './raw-stats-stream';

let dir: string;
let server: Server;
let socketPath: string;
let connections: Socket[];
let requests: string[];
let answer: (socket: Socket) => void;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'raw-stats-'));
  socketPath = join(dir, 'engine.sock');
  connections = [];
  requests = [];
  answer = () => undefined;
  server = createServer((socket) => {
    connections.push(socket);
    let head = '';
    socket.on('data', (data: Buffer) => {
      head += data.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        requests.push(head);
        head = '';
        answer(socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

afterEach(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function collect(containerId = 'abc123', version?: string) {
  const frames: string[] = [];
  const closes: Array<Error | undefined> = [];
  let done: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (done = resolve));
  const stream = openRawStats({ socketPath, ...(version ? { version } : {}) }, containerId, {
    onFrame: (text) => frames.push(text),
    onClose: (error) => {
      closes.push(error);
      done();
    },
  });
  return { stream, frames, closes, closed };
}

const chunk = (text: string): string => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const OK_CHUNKED = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
const frameOf = (i: number): string => JSON.stringify({ read: `2026-11-26T19:00:0${i}.000000000Z`, name: '/é-ü', cpu_stats: { cpu_usage: { total_usage: i } } });

/** Writes `text` in pieces of the given sizes (cycled), each in its own write, a tick apart. */
async function writeInPieces(socket: Socket, text: string, sizes: number[]): Promise<void> {
  const bytes = Buffer.from(text);
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    socket.write(bytes.subarray(at, at + size));
    at += size;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('openRawStats', () => {
  it('asks for the stream as dockerode does and cuts frames out of chunks, whatever the read boundaries', async () => {
    const frames = [0, 1, 2, 3, 4].map(frameOf);
    // One chunk holding a frame and a half, another the rest and a whole one, then one a frame: the engine's usual shape.
    const first = `${frames[0]}\n${(frames[1] ?? '').slice(0, 20)}`;
    const second = `${(frames[1] ?? '').slice(20)}\n${frames[2]}\n`;
    const body = `${chunk(first)}${chunk(second)}${chunk(`${frames[3]}\n`)}${chunk(`${frames[4]}\n`)}0\r\n\r\n`;
    for (const sizes of [[1], [3, 7, 2], [5000]]) {
      answer = (socket) => void writeInPieces(socket, `${OK_CHUNKED}${body}`, sizes).then(() => socket.end());
      const got = collect('abc123', 'v1.41');
      await got.closed;
      expect(got.frames, `pieces of ${sizes.join(',')}`).toEqual(frames);
      expect(got.closes).toEqual([undefined]);
    }
    expect(requests[0]).toMatch(/^GET \/v1\.41\/containers\/abc123\/stats\?stream=1 HTTP\/1\.1\r\n/);
    expect(requests[0]).toMatch(/\r\nHost: docker\r\n/);
  });

  it('turns an error answer into an error with the status code and the engine message', async () => {
    answer = (socket) => {
      const body = JSON.stringify({ message: 'No such container: nope' });
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    };
    const got = collect('nope');
    await got.closed;
    expect(got.frames).toEqual([]);
    expect(got.closes).toHaveLength(1);
    expect(got.closes[0]).toMatchObject({ statusCode: 404, message: expect.stringContaining('No such container: nope') });
  });

  it('reads a body that is not chunked to its end, a last frame without its newline included', async () => {
    answer = (socket) => socket.end(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${frameOf(1)}\n${frameOf(2)}`);
    const got = collect();
    await got.closed;
    expect(got.frames).toEqual([frameOf(1), frameOf(2)]);
    expect(got.closes).toEqual([undefined]);
  });

  it('reports a connection lost mid-stream, and a connection that never answers', async () => {
    answer = (socket) => {
      socket.write(`${OK_CHUNKED}${chunk(`${frameOf(1)}\n`)}`);
      setTimeout(() => socket.destroy(), 20);
    };
    const cut = collect();
    await cut.closed;
    expect(cut.frames).toEqual([frameOf(1)]);
    expect(cut.closes).toEqual([undefined]); // an end, not an error: followStats looks at the container to decide

    answer = (socket) => socket.destroy();
    const silent = collect();
    await silent.closed;
    expect(silent.closes[0]?.message).toMatch(/closed the connection before answering/);
  });

  it('delivers nothing after destroy, and leaves no socket behind', async () => {
    let server: Socket | undefined;
    answer = (socket) => {
      server = socket;
      socket.write(`${OK_CHUNKED}${chunk(`${frameOf(1)}\n`)}`);
    };
    const got = collect();
    while (got.frames.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    got.stream.destroy();
    server?.write(chunk(`${frameOf(2)}\n`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got.frames).toEqual([frameOf(1)]);
    expect(got.closes).toEqual([]);
    expect(got.stream.socket.destroyed).toBe(true);
  });
});

describe('rawStatsEndpoint', () => {
  it('speaks to a unix socket or plain http, and leaves anything else to dockerode', () => {
    expect(rawStatsEndpoint(new Docker({ socketPath: '/var/run/docker.sock' }))).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(rawStatsEndpoint(new Docker({ socketPath: '/run/d.sock', version: 'v1.41' }))).toEqual({ socketPath: '/run/d.sock', version: 'v1.41' });
    expect(rawStatsEndpoint(new Docker({ host: '127.0.0.1', port: 2375, protocol: 'http' }))).toEqual({ host: '127.0.0.1', port: 2375 });
    expect(rawStatsEndpoint(new Docker({ host: '127.0.0.1', port: 2376, protocol: 'https' }))).toBeUndefined();
    expect(rawStatsEndpoint({ modem: { socketPath: () => '/var/run/docker.sock' } })).toBeUndefined();
    expect(rawStatsEndpoint({ getContainer: () => undefined })).toBeUndefined();
  });
});
