// Serve mode: the same core and contract as the Electron app, for a browser. Listens on loopback
// unless told otherwise, serves the built renderer, and carries the contract over one WebSocket that
// needs the session's random token and the page's own Origin. Every call goes through the same
// dispatcher (and so the same schemas) as Electron's IPC.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTRACT_PATH, CallFrame, MAX_FRAME_BYTES, type ServerFrame } from '../../shared/contract/wire';
import type { Core } from '../core';
import { serveStatic } from './static-files';

export interface ServeOptions {
  core: Pick<Core, 'dispatch' | 'onEvent'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
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
  const server = createServer((request, response) => serveStatic(options.rendererDir, request, response));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  await listen(server, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  server.on('upgrade', (request, socket, head) => {
    const refusal = refuse(request, origin, token);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, options.core));
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
  const url = new URL(request.url ?? '/', origin);
  if (url.pathname !== CONTRACT_PATH) return '404 Not Found';
  if (request.headers.origin !== origin) return '403 Forbidden';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return '401 Unauthorized';
  return undefined;
}

function connect(ws: WebSocket, core: ServeOptions['core']): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = core.onEvent((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    void (async () => {
      let json: unknown;
      try {
        json = JSON.parse(isBinary ? '' : data.toString());
      } catch {
        json = undefined;
      }
      const frame = CallFrame.safeParse(json);
      if (!frame.success) {
        const id = typeof (json as { id?: unknown } | undefined)?.id === 'number' ? (json as { id: number }).id : -1;
        send({ id, envelope: { error: { code: 'invalid_payload', message: 'The message is not a contract call ({id, method, payload}): reload the page.' } } });
        return;
      }
      send({ id: frame.data.id, envelope: await core.dispatch(frame.data.method, frame.data.payload) });
    })();
  });
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
