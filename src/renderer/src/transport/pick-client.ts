// Which way the page reaches the core: through the preload's bridge inside Electron, or over the
// WebSocket of serve mode (`npm run serve` prints the address, token included). Either way the page
// builds the same typed client from the contract.
import { createClient, type DillingerClient, type Transport } from '../../../shared/contract/client';
import { CONTRACT_PATH } from '../../../shared/contract/wire';
import { createWebSocketTransport } from './websocket-transport';

export type PickedClient =
  | { mode: 'electron' | 'serve'; client: DillingerClient }
  | { mode: 'none'; error: string };

type PageLocation = Pick<Location, 'protocol' | 'host' | 'search'>;

export interface PickEnvironment {
  bridge: Transport | undefined;
  location: PageLocation;
  connect?: (url: string) => Transport;
}

/** The contract's WebSocket address for a page served by `npm run serve`, or undefined without a token. */
export function contractSocketUrl(location: PageLocation): string | undefined {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return undefined;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${CONTRACT_PATH}?token=${encodeURIComponent(token)}`;
}

export function pickClient(environment?: PickEnvironment): PickedClient {
  const { bridge, location, connect = createWebSocketTransport } = environment ?? { bridge: window.dillinger, location: window.location };
  if (bridge) return { mode: 'electron', client: createClient(bridge) };
  const url = contractSocketUrl(location);
  if (!url) {
    return {
      mode: 'none',
      error: 'This page cannot reach the Dillinger core: open the address that `npm run serve` prints, including its ?token=… part, or start the desktop app.',
    };
  }
  return { mode: 'serve', client: createClient(connect(url)) };
}
