// The Electron IPC channel names, derived from the contract's method names in ONE place: the main
// process registers its handlers and the preload invokes them through these helpers, so no channel
// string is ever written twice. No runtime imports: the preload bundle stays small (no zod).

const PREFIX = 'dillinger:';

/**
 * The `ipcMain.handle` / `ipcRenderer.invoke` channel of a contract method (a `MethodName`). The
 * preload passes on whatever name the page gives; only the contract's names have a handler.
 */
export function channelOf(method: string): string {
  return `${PREFIX}invoke:${method}`;
}

/** The one channel pushed events travel on, as `(name, payload)`. */
export const EVENTS_CHANNEL = `${PREFIX}event`;
