import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createTestCore } from '../rpc/testing/test-core';
import { FakeFrame, FakeIpcMain, FakeWebContents, fakeIpcRenderer } from '../rpc/testing/ipc-fake';
import { createBridge } from '../preload/bridge';
import { APP_URL } from './app-protocol';
import { attachIpc, isAppMainFrame } from './ipc-adapter';
import {
  CONTENT_SECURITY_POLICY,
  createMainWindow,
  hardenWebContents,
  secureWebPreferences,
  type HardenableContents,
  type PreventableEvent,
  type SessionLike,
} from './window';

/** Electron objects as far as the hardening touches them, recording what was installed. */
class FakeSession implements SessionLike {
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  permissionCheck?: () => boolean;
  headersListener?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: () => boolean): void {
    this.permissionCheck = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
}

class FakeContents extends EventEmitter implements HardenableContents {
  readonly session = new FakeSession();
  openHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Emits like Electron: true when a listener called preventDefault. */
  prevented(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    const details: PreventableEvent = { preventDefault: () => (prevented = true) };
    this.emit(event, details, url);
    return prevented;
  }
}

function hardened(): { contents: FakeContents; opened: string[] } {
  const contents = new FakeContents();
  const opened: string[] = [];
  hardenWebContents(contents, APP_URL, (url) => {
    opened.push(url);
  });
  return { contents, opened };
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/preload/preload.cjs');
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('uses the given preload', () => {
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
  });
});

describe('hardenWebContents', () => {
  it('cancels navigation away from the app, and only that', () => {
    const { contents } = hardened();
    expect(contents.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.prevented('will-navigate', 'app://other/index.html')).toBe(true);
    expect(contents.prevented('will-navigate', 'not a url')).toBe(true);
    expect(contents.prevented('will-navigate', 'app://bosun/index.html#/containers')).toBe(false);
  });

  it('cancels redirects away from the app', () => {
    const { contents } = hardened();
    expect(contents.prevented('will-redirect', 'http://127.0.0.1:2375/containers/json')).toBe(true);
    expect(contents.prevented('will-redirect', 'app://bosun/index.html')).toBe(false);
  });

  it('denies every new window, sending web links to the browser and nothing else', () => {
    const { contents, opened } = hardened();
    expect(contents.openHandler?.({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://localhost:8080/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://bosun/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.docker.com/', 'http://localhost:8080/']);
  });

  it('never attaches a webview', () => {
    const { contents } = hardened();
    expect(contents.prevented('will-attach-webview')).toBe(true);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission',
    (permission) => {
      const { contents } = hardened();
      const callback = vi.fn();
      contents.session.permissionRequest?.(contents, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(contents.session.permissionCheck?.()).toBe(false);
    },
  );
});

describe('createMainWindow', () => {
  function build() {
    const contents = new FakeContents();
    const window = Object.assign(new EventEmitter(), {
      webContents: contents,
      loadURL: vi.fn(async (_url: string) => undefined),
      show: vi.fn(),
    });
    let options: BrowserWindowConstructorOptions | undefined;
    createMainWindow({
      createWindow: (given) => {
        options = given;
        return window;
      },
      preloadPath: '/p/preload.cjs',
      appUrl: APP_URL,
      openExternal: () => undefined,
    });
    return { window, contents, options: options! };
  }

  it('opens hidden with the secure preferences, loads the app, shows when ready', () => {
    const { window, options } = build();
    expect(options.webPreferences).toEqual(secureWebPreferences('/p/preload.cjs'));
    expect(options.show).toBe(false);
    expect(window.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('sets the CSP header on every response, replacing any other policy', () => {
    const { contents } = build();
    const callback = vi.fn();
    contents.session.headersListener?.(
      {
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
          'X-Other': ['1'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('hardens the window it creates', () => {
    const { contents } = build();
    expect(contents.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC sender check', () => {
  async function setup() {
    const core = createTestCore();
    const ipcMain = new FakeIpcMain();
    const window = new FakeWebContents(APP_URL);
    const logs: string[] = [];
    attachIpc(ipcMain, core.host, {
      // As main.ts composes it: our window, its main frame, showing the app.
      isTrustedSender: (event) => event.sender === window && isAppMainFrame(event, APP_URL),
      log: (message) => logs.push(message),
    });
    const call = (contents: FakeWebContents, frame: FakeFrame, text: string): void =>
      createBridge(fakeIpcRenderer(ipcMain, contents, frame)).send({
        t: 'call',
        id: text,
        method: 'test.echo',
        params: { text },
      });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
    return { core, window, logs, call, settle };
  }

  it('dispatches frames from the main frame of the window at the app URL', async () => {
    const { core, window, call, settle } = await setup();
    call(window, window.mainFrame, 'trusted');
    await settle();
    expect(core.started).toEqual(['test.echo']);
  });

  it('drops frames from an iframe, a foreign page, or another webContents, and logs them', async () => {
    const { core, window, logs, call, settle } = await setup();
    call(window, new FakeFrame(APP_URL, window.mainFrame.processId, window.mainFrame), 'iframe');
    const stranger = new FakeWebContents(APP_URL);
    call(stranger, stranger.mainFrame, 'other window');
    window.navigate('https://evil.example/');
    call(window, window.mainFrame, 'foreign page');
    await settle();
    expect(core.started).toEqual([]);
    expect(core.host.peerCount).toBe(0);
    expect(logs).toHaveLength(3);
    expect(logs[2]).toContain('https://evil.example/');
  });
});
