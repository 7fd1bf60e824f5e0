// Listening unix sockets for tests that need a socket file to exist (a display's, a sound server's),
// closed after each test.
import { createServer, type Server } from 'node:net';
import { afterEach } from 'vitest';

export function useUnixSockets(): (path: string) => Promise<string> {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));
  return async (path) => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return path;
  };
}
