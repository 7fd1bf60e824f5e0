// The Electron shell, and only that: one instance, one locked-down window, the contract carried over
// IPC (./transport/electron-ipc), the core closed on quit. Everything else lives in the core (./core),
// which runs in plain Node.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/contract/content-security-policy';
import { createCore, type Core } from './core';
import { forwardEvents, registerElectronContract, trustAppFrames } from './transport/electron-ipc';

/** Set by `electron-vite dev` only; a packaged app loads its own index.html. */
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const indexHtml = join(import.meta.dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(indexHtml).href;

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
let disposeContract: (() => void) | undefined;

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // The first instance gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // Hold the quit until the core has written what it must and let go of the data dir.
    event.preventDefault();
    const closing = core;
    core = undefined;
    disposeContract?.();
    disposeContract = undefined;
    closing
      .close()
      .catch((error: unknown) => console.error('Closing the core failed', error))
      .finally(() => app.quit());
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  try {
    core = await createCore({
      // The system's file dialog, for Add game and the mount/prefix fields; attached to the window when there is one.
      pickPath: async ({ kind, title, defaultPath }) => {
        const options: Electron.OpenDialogOptions = { title, defaultPath, properties: [kind === 'folder' ? 'openDirectory' : 'openFile'] };
        const owner = BrowserWindow.getFocusedWindow();
        const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      // "Open saves folder": the core passes only the game's own saves folder (decided from its id,
      // never a path from the window); the file manager shows it. Answers '' or why it could not.
      openPath: (path) => shell.openPath(path),
    });
  } catch (error) {
    // e.g. another instance (or `serve`) uses this data dir: say so, and stop.
    fail(error);
    return;
  }
  lockDownSession();
  disposeContract = registerElectronContract(core.dispatch, trustAppFrames(appUrl));
  createWindow(core);
}

function lockDownSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  // Under `electron-vite dev` the dev server's (relaxed) meta tag rules: React Refresh needs an inline script.
  if (devServerUrl) return;
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

function createWindow(running: Core): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#101218',
    title: 'Dillinger Runner',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  forwardEvents(running.onEvent, window.webContents); // stops by itself when the window's contents go
  // The launch settings form blocks unload while it has unsaved edits; Electron would silently keep
  // the window open, so ask, as a browser does.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'The launch settings have unsaved changes.',
      detail: 'Leave without saving them?',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here lets the unload go ahead
  });
  const loaded = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(indexHtml);
  loaded.catch(fail);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Dillinger Runner cannot start', message);
  app.quit();
}
