// `npm run serve`: the core in plain Node, its UI served to a browser (a headless game box, and
// how the end-to-end tests drive the real UI). Options: --host, --port, --data-dir, --library-dir;
// --help lists them and the contract's methods (from their summaries).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { methodList } from '../shared/contract/contract-doc';
import { createCore } from './core';
import { startServe } from './transport/websocket-server';

const USAGE = `npm run serve -- [options]: the core in plain Node, its UI served to a browser.

  --host <address>       where to listen (default 127.0.0.1)
  --port <n>             the port (default 0: any free one)
  --data-dir <path>      the data folder (default DILLINGER_DATA_DIR, else the user's)
  --library-dir <path>   the library folder (default the settings')
  --renderer-dir <path>  the built UI (default out/renderer)
  --help, -h             this text

The contract's methods (a browser calls them over the WebSocket; see docs/contract.md):
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'library-dir': { type: 'string' },
      'renderer-dir': { type: 'string', default: resolve(__dirname, '..', '..', 'out', 'renderer') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE + methodList());
    return;
  }
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
