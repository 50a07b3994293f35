import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, shell } from 'electron';
import { createServices, type Core } from '../bootstrap';
import { APP_SCHEME_PRIVILEGES, APP_URL, registerAppProtocol } from './app-protocol';
import { attachIpc, isAppMainFrame } from './ipc-adapter';
import { createElectronPlatform } from './platform-electron';
import { createMainWindow, hardenWebContents } from './window';

/**
 * The Electron face: one instance, one core, one window. Everything of substance lives in the core
 * (bootstrap.ts) and the hardened pieces beside this file; this only wires them in order.
 */
let core: Core | undefined;
let window: BrowserWindow | undefined;
let quitting = false;

const openExternal = (url: string): Promise<void> => shell.openExternal(url);

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // Any webContents, including ones we never meant to create, gets the same guard rails.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_URL, openExternal));

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    const disposing = core;
    core = undefined;
    disposing
      .dispose()
      .catch((error: unknown) => console.error('bosun: the core did not shut down cleanly:', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('bosun: could not start:', error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  registerAppProtocol(protocol, join(root, 'dist', 'renderer'));
  const platform = createElectronPlatform({ app, safeStorage });
  core = await createServices(platform);
  attachIpc(ipcMain, core.host, {
    isTrustedSender: (event) =>
      window !== undefined && event.sender === window.webContents && isAppMainFrame(event, APP_URL),
  });
  window = createMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath: join(root, 'dist', 'preload', 'preload.cjs'),
    appUrl: APP_URL,
    openExternal,
  });
  window.on('closed', () => {
    window = undefined;
  });
}
