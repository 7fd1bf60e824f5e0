// Serves the built renderer's files, and nothing outside its folder. Whatever a client sends, the
// answer is a status (400, 404, 405), never a throw: this runs inside the HTTP server's listener.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/content-security-policy';

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = pathOf(request.url);
  if (pathname === undefined) {
    response.writeHead(400, TEXT).end('Bad request: the address is not a valid URL path. Check the address, or open the one the app printed.');
    return;
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !isFile(file)) {
    response.writeHead(404, TEXT).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // The file can vanish or become unreadable between the stat and the open: end this response only.
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** The decoded path of a request target, or undefined when it is not a valid one (`/%zz`, `//[`, NUL). */
function pathOf(target: string | undefined): string | undefined {
  try {
    const pathname = decodeURIComponent(new URL(target ?? '/', 'http://local').pathname);
    return pathname.includes('\0') ? undefined : pathname;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
