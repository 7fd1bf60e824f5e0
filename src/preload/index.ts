// The sandboxed preload: it exposes `window.dillinger`, the contract's transport carried over
// Electron IPC (the channels come from channelOf, never written here), and nothing else. ipcRenderer
// itself never crosses the bridge, nor does any IPC event object (its `sender` is ipcRenderer).
//
// What crosses is the envelope level (`invoke → {result} | {error}`, `subscribe → unsubscribe`);
// the page builds its typed client with `createClient(window.dillinger)`. Building the client here
// instead would lose the error's code and problems: contextBridge copies a thrown/rejected Error as
// a plain Error with only its message, and a ContractError made in this isolated world would not
// be an `instanceof` the page's ContractError anyway.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENTS_CHANNEL, channelOf } from '../shared/contract/channels';
import type { Transport } from '../shared/contract/client';
import type { Envelope } from '../shared/contract/envelope';

const bridge: Transport = {
  async invoke(method, payload) {
    if (typeof method !== 'string') {
      return { error: { code: 'unknown_method', message: 'A contract method name must be a string.' } };
    }
    try {
      return (await ipcRenderer.invoke(channelOf(method), payload)) as Envelope<unknown>;
    } catch (error) {
      // The main process answers envelopes, never rejections: only a name without a handler (a page
      // and an app of different versions) or a payload IPC cannot copy gets here.
      const message = error instanceof Error ? error.message : String(error);
      if (message.includes('No handler registered')) {
        return { error: { code: 'unknown_method', message: `There is no method "${method}": the app and its window may be different versions; restart the app.` } };
      }
      return { error: { code: 'internal', message: `${method} could not be sent to the app: ${message}` } };
    }
  },
  subscribe(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') return () => {};
    const onMessage = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENTS_CHANNEL, onMessage);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(EVENTS_CHANNEL, onMessage);
    };
  },
};

contextBridge.exposeInMainWorld('dillinger', bridge);
