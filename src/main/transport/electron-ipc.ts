// The ONE place that touches `ipcMain` (a lint rule bans it elsewhere): every contract method gets
// one `ipcMain.handle` on the channel `channelOf(method)`; the sender frame is checked before the
// dispatcher sees the payload; the answer is always an envelope, never a thrown error (Electron would
// strip an error down to its message). Pushed events go to a window on one channel.
import { ipcMain } from 'electron';
import { METHOD_NAMES, type EventName } from '../../shared/contract/contract';
import { EVENTS_CHANNEL, channelOf } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/envelope';
import type { Dispatch } from './dispatcher';

/** What the sender check needs of Electron's `WebFrameMain`. */
export interface SenderFrame {
  readonly url: string;
}

export type IsTrustedSender = (frame: SenderFrame | null | undefined) => boolean;

/** What registration needs of Electron's `IpcMain` (a plain object in unit tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { readonly senderFrame: SenderFrame | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What forwarding needs of Electron's `WebContents`. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
}

/**
 * Whether `url` is a page of the app: the same file as `appUrl` (the packaged file:// index.html),
 * or the same origin as `appUrl` (the dev server). Query and hash are ignored; anything else is not.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const page = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!page || !app) return false;
  if (app.protocol === 'file:') {
    return page.protocol === 'file:' && page.host === app.host && decodedPath(page) === decodedPath(app);
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return page.origin === app.origin;
}

/** The sender check for a window that loaded `appUrl`. */
export function trustAppFrames(appUrl: string): IsTrustedSender {
  return (frame) => frame != null && isAppUrl(frame.url, appUrl);
}

/** Registers one handler per contract method; returns the disposer that removes them all. */
export function registerContract(ipc: IpcMainLike, dispatch: Dispatch, isTrustedSender: IsTrustedSender): () => void {
  const channels: string[] = [];
  try {
    for (const method of METHOD_NAMES) {
      const channel = channelOf(method);
      ipc.handle(channel, async (event, payload): Promise<Envelope<unknown>> => {
        const frame = senderFrameOf(event);
        if (!frame || !isTrusted(isTrustedSender, frame)) {
          return {
            error: {
              code: 'forbidden_sender',
              message: `${method} was refused: the request came from ${frame ? describeSender(frame.url) : 'a frame that no longer exists'}, not from the app's own window. Reload the window or restart the app.`,
            },
          };
        }
        try {
          return await dispatch(method, payload);
        } catch (error) {
          return { error: { code: 'internal', message: `${method} failed: ${error instanceof Error ? error.message : String(error)}` } };
        }
      });
      channels.push(channel);
    }
  } catch (error) {
    for (const channel of channels) ipc.removeHandler(channel);
    throw error;
  }
  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    for (const channel of channels) ipc.removeHandler(channel);
  };
}

/** `registerContract` on Electron's own `ipcMain`. */
export function registerElectronContract(dispatch: Dispatch, isTrustedSender: IsTrustedSender): () => void {
  return registerContract(ipcMain, dispatch, isTrustedSender);
}

/**
 * Sends every pushed event to `target` as `(name, payload)` on the events channel, until the returned
 * function is called or the target is destroyed.
 */
export function forwardEvents(
  onEvent: (listener: (name: EventName, payload: unknown) => void) => () => void,
  target: EventSink,
): () => void {
  let stopped = false;
  const unsubscribe = onEvent((name, payload) => {
    if (!stopped && !target.isDestroyed()) target.send(EVENTS_CHANNEL, name, payload);
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    target.removeListener('destroyed', stop);
  };
  target.once('destroyed', stop);
  return stop;
}

function senderFrameOf(event: { readonly senderFrame: SenderFrame | null }): SenderFrame | null {
  // Electron's getter can throw while the frame is torn down: such a sender is not trusted.
  try {
    return event.senderFrame ?? null;
  } catch {
    return null;
  }
}

function isTrusted(check: IsTrustedSender, frame: SenderFrame): boolean {
  try {
    return check(frame) === true;
  } catch {
    return false;
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

function describeSender(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return 'a page with no address';
  return parsed.protocol === 'file:' ? 'another local file' : `a page at ${parsed.origin}`;
}
