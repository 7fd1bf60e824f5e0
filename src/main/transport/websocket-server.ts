// Serve mode: the same core and contract as the Electron app, for a browser. Listens on loopback
// unless told otherwise, serves the built renderer, and carries the contract over one WebSocket that
// needs the session's random token and the page's own Origin. Every call goes through the same
// dispatcher (and so the same schemas) as Electron's IPC.
//
// No input from a client may stop the process: every listener here answers a bad request, frame or
// message with a status, a close code or an error envelope, and a broken connection ends alone.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CONTRACT_PATH, CallFrame, MAX_FRAME_BYTES, type ServerFrame } from '../../shared/contract/wire';
import type { Core } from '../core';
import { serveStatic } from './static-files';
import { messageOf } from '../../shared/errors';

export interface ServeOptions {
  core: Pick<Core, 'dispatch' | 'onEvent'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Where refused frames and transport faults are reported (default: console.warn). */
  log?: (message: string) => void;
}

export interface ServeHandle {
  /** The address to open, token included (as Jupyter prints it). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('hex');
  const log = options.log ?? ((message: string) => console.warn(message));
  const server = createServer((request, response) => {
    try {
      serveStatic(options.rendererDir, request, response);
    } catch (error) {
      log(`Serve mode: ${request.method ?? '?'} request failed: ${messageOf(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The app could not answer this request: reload the page.');
    }
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  await listen(server, host, options.port ?? 0);
  // After listen: a failed accept (out of file descriptors) is reported, not thrown.
  server.on('error', (error) => log(`Serve mode: the server hit an error and keeps listening: ${messageOf(error)}`));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  server.on('upgrade', (request, socket: Duplex, head) => {
    // Node hands over the socket without its own error listener: a reset here must not throw.
    socket.on('error', () => socket.destroy());
    const refusal = refuse(request, origin, token);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, socket, options.core, log));
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why an upgrade is refused (an HTTP status line), or undefined to accept it. */
export function refuse(request: Pick<IncomingMessage, 'url' | 'headers'>, origin: string, token: string): string | undefined {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', origin);
  } catch {
    return '400 Bad Request';
  }
  if (url.pathname !== CONTRACT_PATH) return '404 Not Found';
  if (request.headers.origin !== origin) return '403 Forbidden';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return '401 Unauthorized';
  return undefined;
}

function connect(ws: WebSocket, socket: Duplex, core: ServeOptions['core'], log: (message: string) => void): void {
  const send = (frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      log(`Serve mode: an answer could not be encoded as JSON: ${messageOf(error)}`);
      if (!('id' in frame)) return;
      text = JSON.stringify({ id: frame.id, envelope: internalError('The answer could not be encoded') });
    }
    ws.send(text);
  };
  const unsubscribe = core.onEvent((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  // A frame that breaks the protocol (too big, bad UTF-8, unmasked, reserved bits or opcodes, a bad
  // close code, an oversized or orphan control frame): ws has already sent the close frame with the
  // protocol's code (1009, 1007, 1002). End the TCP connection once it is out, rather than keep a peer
  // that broke the protocol until ws's 30 s close timer; the other connections are untouched.
  ws.on('error', (error) => {
    log(`Serve mode: closed a WebSocket connection that broke the protocol: ${error.message}`);
    socket.end();
  });
  ws.on('message', (data, isBinary) => {
    void answer(isBinary ? undefined : parseJson(textOf(data))).catch((error: unknown) =>
      log(`Serve mode: a message could not be answered: ${messageOf(error)}`),
    );
  });

  async function answer(json: unknown): Promise<void> {
    const frame = CallFrame.safeParse(json);
    if (!frame.success) {
      send({ id: idOf(json), envelope: { error: { code: 'invalid_payload', message: 'The message is not a contract call ({id, method, payload}): reload the page.' } } });
      return;
    }
    let envelope: unknown;
    try {
      envelope = await core.dispatch(frame.data.method, frame.data.payload);
    } catch (error) {
      log(`Serve mode: ${frame.data.method} threw: ${messageOf(error)}`);
      envelope = internalError(`${frame.data.method} failed: ${messageOf(error)}`);
    }
    send({ id: frame.data.id, envelope });
  }
}

function internalError(what: string): { error: { code: 'internal'; message: string } } {
  return { error: { code: 'internal', message: `${what}. Try again; if it keeps failing, restart the app.` } };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The call id of a message that is not a valid call, if it has a usable one; -1 otherwise. */
function idOf(json: unknown): number {
  if (typeof json !== 'object' || json === null || !('id' in json)) return -1;
  return typeof json.id === 'number' && Number.isSafeInteger(json.id) ? json.id : -1;
}


function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
