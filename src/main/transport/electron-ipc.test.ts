// Electron's binary cannot run on our machines (it is downloaded lazily and there is no internet; even
// `require('electron')` in plain Node tries that download), so `ipcMain` is faked here by a plain
// object with `handle` / `removeHandler` that behaves like Electron's (one handler per channel), and
// the 'electron' module itself is replaced by a stub. Everything else is the real code: the real
// contract, channel names and dispatcher.
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type EventName, type MethodName } from '../../shared/contract/contract';
import { EVENTS_CHANNEL, channelOf } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/envelope';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { forwardEvents, isAppUrl, registerContract, trustAppFrames, type EventSink, type IpcMainLike, type SenderFrame } from './electron-ipc';

vi.mock('electron', () => ({ ipcMain: {} }));

const APP_FILE = 'file:///opt/Dillinger%20Runner/resources/app/out/renderer/index.html';
const DEV_SERVER = 'http://localhost:5173/';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain(options: { failOn?: string } = {}) {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (channel === options.failOn) throw new Error(`cannot register ${channel}`);
      // Electron's own rule: a second handler for a channel is an error.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  /** What a renderer's `ipcRenderer.invoke(channel, payload)` would get back from a frame at `url`. */
  async function invoke(channel: string, payload: unknown, frame: SenderFrame | null = { url: APP_FILE }): Promise<Envelope<unknown>> {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ senderFrame: frame }, payload)) as Envelope<unknown>;
  }
  return { ipc, handlers, invoke };
}

function recordingDispatch(answer: Envelope<unknown> = { result: 'ok' }) {
  const calls: Array<[unknown, unknown]> = [];
  const dispatch: Dispatch = async (method, payload) => {
    calls.push([method, payload]);
    return answer;
  };
  return { calls, dispatch };
}

describe('isAppUrl', () => {
  it('accepts the packaged index.html, with or without query and hash', () => {
    expect(isAppUrl(APP_FILE, APP_FILE)).toBe(true);
    expect(isAppUrl(`${APP_FILE}?token=1#/library`, APP_FILE)).toBe(true);
    expect(isAppUrl('file:///opt/Dillinger Runner/resources/app/out/renderer/index.html', APP_FILE)).toBe(true);
    expect(isAppUrl('file:///opt/Dillinger%20Runner/resources/app/out/renderer/x/../index.html', APP_FILE)).toBe(true);
  });

  it('refuses any other file, a file on another host, and web pages when the app is a file', () => {
    expect(isAppUrl('file:///tmp/index.html', APP_FILE)).toBe(false);
    expect(isAppUrl('file:///opt/Dillinger%20Runner/resources/app/out/renderer/other.html', APP_FILE)).toBe(false);
    expect(isAppUrl('file://evil.example/opt/Dillinger%20Runner/resources/app/out/renderer/index.html', APP_FILE)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', APP_FILE)).toBe(false);
  });

  it('accepts any page of the dev server and nothing else', () => {
    expect(isAppUrl('http://localhost:5173/', DEV_SERVER)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html?x=1#y', DEV_SERVER)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV_SERVER)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV_SERVER)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV_SERVER)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', DEV_SERVER)).toBe(false);
    expect(isAppUrl(APP_FILE, DEV_SERVER)).toBe(false);
  });

  it('refuses what is not a URL, and app URLs that are neither a file nor http(s)', () => {
    expect(isAppUrl('', APP_FILE)).toBe(false);
    expect(isAppUrl('index.html', APP_FILE)).toBe(false);
    expect(isAppUrl('about:blank', APP_FILE)).toBe(false);
    expect(isAppUrl('about:blank', 'about:blank')).toBe(false);
    expect(isAppUrl('data:text/html,hi', 'data:text/html,hi')).toBe(false);
    expect(isAppUrl(APP_FILE, '')).toBe(false);
  });
});

describe('trustAppFrames', () => {
  it('trusts frames showing the app, and neither missing frames nor other pages', () => {
    const trusted = trustAppFrames(APP_FILE);
    expect(trusted({ url: `${APP_FILE}#/sessions` })).toBe(true);
    expect(trusted({ url: 'https://evil.example/' })).toBe(false);
    expect(trusted(null)).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });
});

describe('registerContract', () => {
  it('registers exactly one handler per contract method, on the channel derived from its name', () => {
    const { ipc, handlers } = fakeIpcMain();
    registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE));
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
    expect(new Set(handlers.keys()).size).toBe(METHOD_NAMES.length);
  });

  it("answers a trusted sender with the dispatcher's envelope", async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatch({ result: { games: [] } });
    registerContract(ipc, dispatch, trustAppFrames(APP_FILE));
    await expect(invoke(channelOf('sessions.get'), { sessionId: 'x' })).resolves.toEqual({ result: { games: [] } });
    expect(calls).toEqual([['sessions.get', { sessionId: 'x' }]]);
  });

  it('refuses other senders with forbidden_sender, without calling the dispatcher', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatch();
    registerContract(ipc, dispatch, trustAppFrames(APP_FILE));
    for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/evil.html' }, null]) {
      const answer = await invoke(channelOf('library.list'), undefined, frame);
      expect(answer).toEqual({ error: { code: 'forbidden_sender', message: expect.stringContaining('library.list was refused') } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses when the sender frame cannot be read or the check itself throws', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatch();
    registerContract(ipc, dispatch, (frame) => {
      if (frame?.url === 'boom') throw new Error('check failed');
      return true;
    });
    const handler = handlers.get(channelOf('engine.status'));
    const torn = {
      get senderFrame(): SenderFrame | null {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    // A sender whose frame is gone is refused even by a check that would trust "null".
    expect(await handler?.(torn, undefined)).toMatchObject({ error: { code: 'forbidden_sender' } });
    expect(await handler?.({ senderFrame: { url: 'boom' } }, undefined)).toMatchObject({ error: { code: 'forbidden_sender' } });
    expect(calls).toEqual([]);
  });

  it('answers an internal error envelope, never a rejection, when dispatch throws', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerContract(ipc, () => Promise.reject(new Error('disk on fire')), trustAppFrames(APP_FILE));
    await expect(invoke(channelOf('engine.status'), undefined)).resolves.toEqual({
      error: { code: 'internal', message: 'engine.status failed: disk on fire' },
    });
  });

  it('carries the real dispatcher: results, and invalid payloads with their problems', async () => {
    const unused = () => {
      throw new Error('not used in this test');
    };
    // Every method (the contract grows), only engine.status answers.
    const everyMethod = Object.fromEntries(METHOD_NAMES.map((method) => [method, unused])) as Record<MethodName, typeof unused>;
    const handlers: Handlers = {
      ...everyMethod,
      'engine.status': () => ({ reachable: true, endpoint: 'unix:///var/run/docker.sock' }),
    };
    const { ipc, invoke } = fakeIpcMain();
    registerContract(ipc, createDispatcher(handlers, () => {}), trustAppFrames(DEV_SERVER));
    const frame = { url: 'http://localhost:5173/' };
    await expect(invoke(channelOf('engine.status'), undefined, frame)).resolves.toEqual({
      result: { reachable: true, endpoint: 'unix:///var/run/docker.sock' },
    });
    const invalid = await invoke(channelOf('sessions.get'), { sessionId: 'nope' }, frame);
    expect(invalid).toMatchObject({ error: { code: 'invalid_payload', problems: [{ path: 'sessionId' }] } });
  });

  it('returns a disposer that removes every handler, once', () => {
    const { ipc, handlers } = fakeIpcMain();
    const removeHandler = vi.spyOn(ipc, 'removeHandler');
    const dispose = registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE));
    dispose();
    expect(handlers.size).toBe(0);
    dispose();
    expect(removeHandler).toHaveBeenCalledTimes(METHOD_NAMES.length);
    // Once disposed, the contract can be registered again (e.g. by a fresh core).
    registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE));
    expect(handlers.size).toBe(METHOD_NAMES.length);
  });

  it('leaves nothing registered when registration fails halfway', () => {
    const failOn = channelOf(METHOD_NAMES[2] ?? 'missing');
    const { ipc, handlers } = fakeIpcMain({ failOn });
    expect(() => registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE))).toThrow(`cannot register ${failOn}`);
    expect(handlers.size).toBe(0);
  });

  it('refuses to register the contract twice on the same ipcMain', () => {
    const { ipc, handlers } = fakeIpcMain();
    registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE));
    expect(() => registerContract(ipc, recordingDispatch().dispatch, trustAppFrames(APP_FILE))).toThrow(/second handler/);
    expect(handlers.size).toBe(METHOD_NAMES.length);
  });
});

describe('forwardEvents', () => {
  function fakeCore() {
    const listeners = new Set<(name: EventName, payload: unknown) => void>();
    return {
      listeners,
      onEvent(listener: (name: EventName, payload: unknown) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit(name: EventName, payload: unknown) {
        for (const listener of listeners) listener(name, payload);
      },
    };
  }

  function fakeWebContents() {
    const sent: unknown[][] = [];
    const destroyedListeners = new Set<() => void>();
    let destroyed = false;
    const target: EventSink = {
      send: (...args) => void sent.push(args),
      isDestroyed: () => destroyed,
      once: (_event, listener) => destroyedListeners.add(listener),
      removeListener: (_event, listener) => destroyedListeners.delete(listener),
    };
    const destroy = () => {
      destroyed = true;
      for (const listener of [...destroyedListeners]) {
        destroyedListeners.delete(listener);
        listener();
      }
    };
    return { target, sent, destroyedListeners, destroy };
  }

  it('sends each event as (name, payload) on the events channel until unsubscribed', () => {
    const core = fakeCore();
    const window = fakeWebContents();
    const stop = forwardEvents(core.onEvent, window.target);
    core.emit('engine.status', { reachable: false, endpoint: 'x' });
    expect(window.sent).toEqual([[EVENTS_CHANNEL, 'engine.status', { reachable: false, endpoint: 'x' }]]);
    stop();
    core.emit('library.changed', {});
    expect(window.sent).toHaveLength(1);
    expect(core.listeners.size).toBe(0);
    expect(window.destroyedListeners.size).toBe(0);
    stop();
  });

  it('unsubscribes by itself when the window is destroyed', () => {
    const core = fakeCore();
    const window = fakeWebContents();
    forwardEvents(core.onEvent, window.target);
    window.destroy();
    core.emit('library.changed', {});
    expect(window.sent).toEqual([]);
    expect(core.listeners.size).toBe(0);
  });
});
