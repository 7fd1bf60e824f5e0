// `npm run serve`: the core in plain Node, its UI served to a browser (a headless game box, and
// how the end-to-end tests drive the real UI). Options: --host, --port, --data-dir, --library-dir.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from './core';
import { startServe } from './transport/websocket-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'library-dir': { type: 'string' },
      'renderer-dir': { type: 'string', default: resolve(__dirname, '..', '..', 'out', 'renderer') },
    },
  });
  const rendererDir = resolve(values['renderer-dir']);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The UI is not built yet (no ${rendererDir}/index.html): run npm run build first, or use npm run serve, which builds it.`);
  }
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.warn(`Listening on ${values.host}: anyone who can reach it and has the token can launch games here.`);
  }
  const core = await createCore({ dataDir: values['data-dir'], libraryDir: values['library-dir'] });
  const server = await startServe({ core, rendererDir, host: values.host, port: Number(values.port) });
  console.log(`Dillinger Runner is serving its UI. Open this address in a browser:\n\n    ${server.url}\n`);
  console.log(`Data folder: ${core.dataDir}`);

  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
