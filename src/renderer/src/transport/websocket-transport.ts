// Serve mode's side of the contract in the browser: calls go out as {id, method, payload} frames
// and come back as envelopes; pushed events arrive as {event, payload}. Reconnects by itself.
import type { Transport } from '../../../shared/contract/client';
import type { Envelope } from '../../../shared/contract/envelope';
import type { ServerFrame } from '../../../shared/contract/wire';

const LOST: Envelope<never> = {
  error: { code: 'internal', message: 'Lost the connection to the Dillinger core: check that `npm run serve` is still running, then reload.' },
};

export function createWebSocketTransport(url: string, WebSocketImpl: typeof WebSocket = WebSocket): Transport {
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let retryMs = 250;

  const open = (): Promise<WebSocket> => {
    opened ??= new Promise((resolve, reject) => {
      const ws = new WebSocketImpl(url);
      ws.onopen = () => {
        retryMs = 250;
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (message) => receive(String(message.data));
      ws.onclose = () => {
        socket = undefined;
        opened = undefined;
        reject(new Error('closed'));
        for (const settle of pending.values()) settle(LOST);
        pending.clear();
        // Keep events flowing after a restart of the core: reconnect while anyone listens.
        if (listeners.size > 0) setTimeout(() => void open().catch(() => undefined), (retryMs = Math.min(retryMs * 2, 5000)));
      };
    });
    return opened;
  };

  const receive = (text: string) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if ('event' in frame) {
      listeners.get(frame.event)?.forEach((listener) => listener(frame.payload));
    } else {
      pending.get(frame.id)?.(frame.envelope as Envelope<unknown>);
      pending.delete(frame.id);
    }
  };

  return {
    async invoke(method, payload) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await open());
      } catch {
        return LOST;
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, payload }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void open().catch(() => undefined);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
  };
}
