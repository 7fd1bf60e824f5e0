// Protocol fuzz of serve mode: the real `npm run serve` entry (src/main/serve.ts) in a child process,
// attacked over raw TCP with broken HTTP requests, broken WebSocket frames and junk contract calls.
// After every case the process must still be alive, still serve a page, and a second, well-behaved
// WebSocket client opened before the attacks must still get answers; the bad connection must be
// closed (with the protocol's close code where WebSocket has one). Loops are bounded and seeded.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES } from '../../shared/contract/contract';

const dirs: string[] = [];
/** Linux's /proc/self/mem: stat says a file, reading offset 0 fails with EIO. */
const HAS_PROC_MEM = existsSync('/proc/self/mem');
const SECRET = 'not for browsers';
let child: ChildProcess | undefined;
let output = '';
let origin = '';
let token = '';
let port = 0;
let friend: WebSocket | undefined;
let nextId = 1;

// One server for the whole file; a case that killed it fails, and the next case gets a fresh one,
// so that every case says for itself whether it stops the process.
beforeEach(async () => {
  if (!(await isServing())) await startServer();
}, 60_000);

async function isServing(): Promise<boolean> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return false;
  try {
    return (await fetch(origin)).ok && friend?.readyState === WebSocket.OPEN;
  } catch {
    child.kill('SIGKILL'); // on its way out: a crash exits only after its stack trace is printed
    return false;
  }
}

async function startServer(): Promise<void> {
  friend?.terminate();
  output = '';
  const dir = mkdtempSync(join(tmpdir(), 'dillinger-serve-fuzz-'));
  dirs.push(dir);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Dillinger Runner</title>');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  // A file that stats as a file but fails to read (EIO): the read stream's error must end one response only.
  if (HAS_PROC_MEM) symlinkSync('/proc/self/mem', join(rendererDir, 'unreadable.bin'));
  const serveEntry = resolve(__dirname, '..', 'serve.ts');
  const args = ['--import', 'tsx', serveEntry, '--data-dir', join(dir, 'data'), '--library-dir', join(dir, 'library'), '--renderer-dir', rendererDir];
  const started = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_HOST: `unix://${join(dir, 'no-docker.sock')}` } });
  child = started;
  const url = await new Promise<URL>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(output);
      if (match) resolveUrl(new URL(match[0]));
    };
    started.stdout.on('data', onData);
    started.stderr.on('data', onData);
    started.once('exit', (code) => reject(new Error(`serve exited with ${code} before it listened:\n${output}`)));
  });
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
  port = Number(url.port);
  friend = await openClient();
}

afterAll(async () => {
  friend?.terminate();
  const running = child;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGTERM');
    await exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A well-behaved client: the `ws` package playing the browser, with the right token and Origin. */
async function openClient(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/contract?token=${token}`, { origin });
  await new Promise((resolveOpen, reject) => ws.once('open', resolveOpen).once('error', reject));
  return ws;
}

/** The call's answer on `ws`, skipping pushed events and other calls' answers. */
function call(ws: WebSocket, frame: string | Buffer, id: number): Promise<{ id: number; envelope: { result?: unknown; error?: { code: string } } }> {
  return new Promise((resolveAnswer, reject) => {
    const onMessage = (data: Buffer) => {
      const answer = JSON.parse(data.toString()) as { id?: number; envelope: { result?: unknown; error?: { code: string } } };
      if (answer.id !== id) return;
      ws.off('message', onMessage);
      resolveAnswer(answer as { id: number; envelope: { result?: unknown; error?: { code: string } } });
    };
    ws.on('message', onMessage);
    ws.send(frame, (error) => error && reject(error));
  });
}

/** The server is alive, serves its page, and the well-behaved client still gets answers. */
async function expectStillServing(): Promise<void> {
  expect(child?.exitCode, `serve exited:\n${output}`).toBeNull();
  const page = await fetch(origin);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Dillinger Runner');
  const id = nextId++;
  if (!friend) throw new Error('no well-behaved client');
  const answer = await call(friend, JSON.stringify({ id, method: 'app.info' }), id);
  expect(answer.envelope.result).toMatchObject({ dataDir: expect.any(String) });
}

interface RawConnection {
  socket: Socket;
  received: () => Buffer;
  closed: Promise<void>;
}

function rawConnection(): Promise<RawConnection> {
  return new Promise((resolveConnection, reject) => {
    const chunks: Buffer[] = [];
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => undefined); // the server may reset a connection that misbehaves
    socket.on('data', (chunk) => chunks.push(chunk));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolveConnection({ socket, received: () => Buffer.concat(chunks), closed }));
    socket.once('error', reject);
  });
}

/** Sends raw bytes as one HTTP request; answers the status code, or 0 when the server just closed. */
async function rawHttp(request: string | Buffer): Promise<{ status: number; text: string }> {
  const connection = await rawConnection();
  connection.socket.end(request);
  await connection.closed;
  const text = connection.received().toString('latin1');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text };
}

function upgradeRequest({ path = `/contract?token=${token}`, headers = {} as Record<string, string>, method = 'GET' } = {}): string {
  const all: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Origin: origin,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  const lines = Object.entries(all).filter(([, value]) => value !== '');
  return `${method} ${path} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** A raw connection past a valid upgrade (right token and Origin). */
async function upgraded(): Promise<RawConnection> {
  const connection = await rawConnection();
  const answered = new Promise<void>((done) => {
    const onData = () => {
      if (!connection.received().includes('\r\n\r\n')) return;
      connection.socket.off('data', onData);
      done();
    };
    connection.socket.on('data', onData);
  });
  connection.socket.write(upgradeRequest());
  await Promise.race([answered, connection.closed]);
  expect(connection.received().toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  return connection;
}

interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  masked?: boolean;
}

function frame({ opcode, payload = Buffer.alloc(0), fin = true, rsv1 = false, masked = true }: FrameSpec): Buffer {
  const first = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([first, maskBit | payload.length]);
  else if (payload.length < 65536) {
    header = Buffer.from([first, maskBit | 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (key[i % 4] ?? 0)));
  return Buffer.concat([header, key, body]);
}

/** The server's frames after the 101 response (server frames are never masked). */
function serverFrames(bytes: Buffer): Array<{ opcode: number; payload: Buffer }> {
  let at = bytes.indexOf('\r\n\r\n') + 4;
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      start = at + 4;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      start = at + 10;
    }
    if (start + length > bytes.length) break;
    frames.push({ opcode, payload: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return frames;
}

function closeCode(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return payload;
}

const BAD_FRAMES: Array<[string, Buffer, number]> = [
  ['a 2 MB text frame (over MAX_FRAME_BYTES)', frame({ opcode: 0x1, payload: Buffer.alloc(2 * 1024 * 1024, 0x20) }), 1009],
  ['invalid UTF-8 in a text frame', frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), 1007],
  ['an unmasked client frame', frame({ opcode: 0x1, payload: Buffer.from('{}'), masked: false }), 1002],
  ['RSV1 set without an extension', frame({ opcode: 0x1, payload: Buffer.from('{}'), rsv1: true }), 1002],
  ['reserved opcode 0x3', frame({ opcode: 0x3, payload: Buffer.from('x') }), 1002],
  ['close code 1004', frame({ opcode: 0x8, payload: closeCode(1004) }), 1002],
  ['a 200-byte ping', frame({ opcode: 0x9, payload: Buffer.alloc(200, 1) }), 1002],
  ['an orphan continuation frame', frame({ opcode: 0x0, payload: Buffer.from('{}') }), 1002],
  ['a fragmented ping', frame({ opcode: 0x9, payload: Buffer.from('p'), fin: false }), 1002],
];

describe('serve mode survives broken WebSocket frames', () => {
  it.each(BAD_FRAMES)('closes the connection on %s with its close code, and serves the others', async (_what, bytes, code) => {
    const connection = await upgraded();
    connection.socket.write(bytes);
    await connection.closed;
    const close = serverFrames(connection.received()).find((f) => f.opcode === 0x8);
    expect(close?.payload.readUInt16BE(0)).toBe(code);
    await expectStillServing();
  });

  it('survives a bounded loop of seeded random bytes after the upgrade', async () => {
    let seed = 0x5eed;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 40; round += 1) {
      const connection = await upgraded();
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      connection.socket.end(bytes);
      await connection.closed;
    }
    await expectStillServing();
  });
});

describe('serve mode survives broken HTTP requests', () => {
  const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;
  it.each([
    ['a bad percent escape', get('/%zz'), 400],
    ['a truncated UTF-8 escape', get('/%E0%A4%A'), 400],
    ['an unparseable target', get('//['), 400],
    ['an encoded NUL', get('/index.html%00.js'), 400],
    ['a raw NUL', get('/index\0.html'), 400],
    ['an overlong URL', get(`/${'a'.repeat(100_000)}`), 431],
    ['an unknown method', 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['DELETE', 'DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['CONNECT', 'CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n', 0],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', 400],
    ['a bare request line', 'GET\r\n\r\n', 400],
  ])('answers %s with a status and keeps serving', async (_what, request, status) => {
    expect((await rawHttp(request)).status).toBe(status);
    await expectStillServing();
  });

  it.skipIf(!HAS_PROC_MEM)('ends the response to a file that fails to read, and keeps serving', async () => {
    // The connection is closed without a body (the 200 may or may not have gone out first).
    const answer = await rawHttp(get('/unreadable.bin'));
    expect([0, 200]).toContain(answer.status);
    expect(answer.text.split('\r\n\r\n')[1] ?? '').toBe('');
    await expectStillServing();
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/.%2e/.%2e/secret.txt'])(
    'never serves a file outside the UI folder for %s',
    async (target) => {
      const answer = await rawHttp(get(target));
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(SECRET);
      await expectStillServing();
    },
  );
});

describe('serve mode survives malformed upgrades', () => {
  it.each([
    ['an unparseable path', () => upgradeRequest({ path: '//[' }), 400],
    ['a bad percent escape in the token', () => upgradeRequest({ path: '/contract?token=%zz' }), 401],
    ['a token of multibyte characters', () => upgradeRequest({ path: `/contract?token=${'%C3%A9'.repeat(32)}` }), 401],
    ['two tokens', () => upgradeRequest({ path: `/contract?token=${token}&token=x` }), 101],
    ['no Origin', () => upgradeRequest({ headers: { Origin: '' } }), 403],
    ['two Origin headers', () => upgradeRequest({ headers: { Origin: `${origin}\r\nOrigin: http://evil.example` } }), 403],
    ['no Sec-WebSocket-Key', () => upgradeRequest({ headers: { 'Sec-WebSocket-Key': '' } }), 400],
    ['a bad Sec-WebSocket-Version', () => upgradeRequest({ headers: { 'Sec-WebSocket-Version': 'x' } }), 400],
    ['a POST upgrade', () => upgradeRequest({ method: 'POST' }), 405],
    ['a garbage Upgrade header', () => upgradeRequest({ headers: { Upgrade: '\u00ff\u00fe' } }), 400],
    ['a malformed Sec-WebSocket-Protocol', () => upgradeRequest({ headers: { 'Sec-WebSocket-Protocol': ',,;' } }), 400],
    ['a malformed Sec-WebSocket-Extensions', () => upgradeRequest({ headers: { 'Sec-WebSocket-Extensions': '=;=' } }), 101],
  ])('answers an upgrade with %s and keeps serving', async (_what, request, status) => {
    const answer = await rawHttp(Buffer.from(request(), 'latin1'));
    expect(answer.status).toBe(status);
    await expectStillServing();
  });

  it('survives a client that resets right after its upgrade request', async () => {
    for (let round = 0; round < 20; round += 1) {
      const connection = await rawConnection();
      connection.socket.write(upgradeRequest({ path: round % 2 ? '/contract?token=wrong' : `/contract?token=${token}` }));
      connection.socket.resetAndDestroy();
      await connection.closed;
    }
    await expectStillServing();
  });
});

describe('serve mode answers junk contract calls with an error envelope', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  it.each([
    ['not JSON', 'not json', -1],
    ['JSON null', 'null', -1],
    ['a JSON number', '42', -1],
    ['a JSON array', '[1,2]', -1],
    ['an id that is not an integer', '{"id": 1.5, "method": "app.info"}', -1],
    ['an id of 1e999', '{"id": 1e999, "method": "app.info"}', -1],
    ['a method name of 1000 characters', JSON.stringify({ id: 7, method: 'x'.repeat(1000) }), 7],
    ['a method named __proto__', '{"id": 7, "method": "__proto__"}', 7],
    ['a method named constructor', '{"id": 7, "method": "constructor"}', 7],
    ['a method that is a number', '{"id": 7, "method": 5}', 7],
    ['a __proto__ key in the frame', '{"id": 7, "method": "app.info", "__proto__": {"x": 1}}', 7],
    ['JSON nested 400,000 deep', `{"id": 7, "method": "sessions.list", "payload": ${deep(400_000)}}`, 7],
    ['a JSON string of almost 1 MB', JSON.stringify({ id: 7, method: 'sessions.get', payload: { sessionId: 'x'.repeat(1_000_000) } }), 7],
  ])('answers %s with an error, and keeps serving', async (_what, text, id) => {
    const ws = await openClient();
    try {
      const answer = await call(ws, text, id);
      expect(answer.envelope.error?.code).toMatch(/^(invalid_payload|unknown_method)$/);
    } finally {
      ws.terminate();
    }
    await expectStillServing();
  });

  it('answers every method called with payloads of the wrong type', async () => {
    const ws = await openClient();
    try {
      for (const method of METHOD_NAMES) {
        for (const payload of [null, 0, -1, 'x', true, [], [{}], { sessionId: 5 }, { gameId: null }]) {
          const id = nextId++;
          const answer = await call(ws, JSON.stringify({ id, method, payload }), id);
          expect(answer.envelope.error?.code, `${method}(${JSON.stringify(payload)})`).toBe('invalid_payload');
        }
      }
    } finally {
      ws.terminate();
    }
    await expectStillServing();
  });

  it('answers a binary frame with an error', async () => {
    const ws = await openClient();
    try {
      expect((await call(ws, Buffer.from('{"id":1,"method":"app.info"}'), -1)).envelope.error?.code).toBe('invalid_payload');
    } finally {
      ws.terminate();
    }
    await expectStillServing();
  });
});
