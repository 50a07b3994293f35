import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shell-common/csp';

export { CONTENT_SECURITY_POLICY };

/**
 * Structural views of the Electron objects the hardening touches, so tests run under plain Node with
 * fakes and only main.ts hands in the real ones (DESIGN.md §5: a test asserts each setting).
 */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { readonly responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  readonly session: SessionLike;
}

export interface WindowLike<Contents extends HardenableContents = HardenableContents> {
  readonly webContents: Contents;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export type ExternalOpener = (url: string) => Promise<void> | void;

/** Every Electron hardening switch, spelled out even where it is the default, so a test pins each. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Same scheme and host as the app: the only place the window may ever show. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    return target.protocol === app.protocol && target.host === app.host;
  } catch {
    return false;
  }
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The window never leaves the app: navigation elsewhere is cancelled, new windows are denied (web
 * links go to the user's browser instead), webviews never attach, and no permission is granted.
 */
export function hardenWebContents(
  contents: HardenableContents,
  appUrl: string,
  openExternal: ExternalOpener,
): void {
  const stayInApp = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void Promise.resolve(openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** Response headers with our CSP in place of whatever policy (in any letter case) they carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> = {}): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

export interface MainWindowOptions<W extends WindowLike> {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => W;
  readonly preloadPath: string;
  readonly appUrl: string;
  readonly openExternal: ExternalOpener;
}

export function createMainWindow<W extends WindowLike>(options: MainWindowOptions<W>): W {
  const window = options.createWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Bosun',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  contents.session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );
  hardenWebContents(contents, options.appUrl, options.openExternal);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.appUrl).catch((error: unknown) => {
    console.error('bosun: the window could not load the interface:', error);
  });
  return window;
}
