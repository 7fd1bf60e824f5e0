// Serve mode's transport with a real HTTP server and real WebSocket clients (the `ws` package
// playing the browser), in front of a real core.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core';
import { useTempDirs } from '../test-support/temp-dir';
import { startServe, type ServeHandle } from './websocket-server';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(): Promise<{ server: ServeHandle; core: Core; rendererDir: string }> {
  const dataDir = tempDir();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Dillinger Runner</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'secret.txt'), 'not for browsers');
  const core = await createCore({ dataDir, dockerEndpoint: join(dataDir, 'none.sock'), env: {} });
  cleanups.push(() => core.close());
  const server = await startServe({ core, rendererDir });
  cleanups.push(() => server.close());
  return { server, core, rendererDir };
}

function connect(server: ServeHandle, { token = server.token, origin = server.origin } = {}): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/contract?token=${token}`, { origin });
  cleanups.push(async () => ws.close());
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('serve mode', () => {
  it('listens on loopback only and prints a URL carrying a long random token', async () => {
    const { server } = await serve();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the built UI with a CSP, and nothing outside its folder', async () => {
    const { server } = await serve();
    const page = await fetch(server.origin);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Dillinger Runner');
    expect((await fetch(`${server.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.origin}/../secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.origin}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(server.origin, { method: 'POST' })).status).toBe(405);
  });

  it.each([
    ['a wrong token', { token: 'f'.repeat(64) }, '401'],
    ['no token', { token: '' }, '401'],
    ['another origin', { origin: 'http://evil.example' }, '403'],
  ])('refuses a connection with %s', async (_what, options, status) => {
    const { server } = await serve();
    await expect(connect(server, options)).rejects.toThrow(status);
  });

  it('carries calls through the same dispatcher as Electron, validating every message', async () => {
    const { server, core } = await serve();
    const ws = await connect(server);
    expect(await call(ws, { id: 1, method: 'app.info' })).toEqual({ id: 1, envelope: { result: expect.objectContaining({ dataDir: core.dataDir }) } });
    expect(await call(ws, { id: 2, method: 'sessions.get', payload: { sessionId: 'nope' } })).toEqual({
      id: 2,
      envelope: { error: expect.objectContaining({ code: 'invalid_payload' }) },
    });
    expect(await call(ws, 'not json')).toEqual({ id: -1, envelope: { error: expect.objectContaining({ code: 'invalid_payload' }) } });
    expect(await call(ws, { id: 3, method: 'app.info', extra: 1 })).toEqual({ id: 3, envelope: { error: expect.objectContaining({ code: 'invalid_payload' }) } });
  });

  it('pushes the core events to connected browsers', async () => {
    const { server, core } = await serve();
    const ws = await connect(server);
    const pushed = new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    mkdirSync(join(core.dataDir, 'library', 'g'), { recursive: true });
    writeFileSync(join(core.dataDir, 'library', 'g', 'game.json'), '{}');
    await core.dispatch('library.list', undefined);
    expect(await pushed).toMatchObject({ event: 'library.changed', payload: { problems: [{ folder: 'g' }] } });
  });
});
