import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../preload/bridge';
import { FakeFrame, FakeIpcMain, FakeWebContents, fakeIpcRenderer } from '../rpc/testing/ipc-fake';
import type { TestContract } from '../rpc/testing/test-contract';
import { createTestCore, type TestCore } from '../rpc/testing/test-core';
import { createIpcLink } from '../shared/rpc/ipc-link';
import { createClient, type Client } from '../shared/rpc/client';
import { APP_URL } from './app-protocol';
import { attachIpc, INVOKE_CHANNEL, isAppMainFrame, type IpcMainEventLike } from './ipc-adapter';

describe('attachIpc', () => {
  let core: TestCore;
  let ipcMain: FakeIpcMain;
  let detach: () => void;

  beforeEach(() => {
    core = createTestCore();
    ipcMain = new FakeIpcMain();
    detach = attachIpc(ipcMain, core.host, { isTrustedSender: (event) => isAppMainFrame(event, APP_URL) });
  });

  afterEach(async () => {
    detach();
    await core.dispose();
  });

  function open(): { contents: FakeWebContents; client: Client<TestContract> } {
    const contents = new FakeWebContents(APP_URL);
    const bridge = createBridge(fakeIpcRenderer(ipcMain, contents, contents.mainFrame));
    return { contents, client: createClient<TestContract>(createIpcLink(bridge, () => contents.destroy())) };
  }

  it('gives each webContents its own peer', async () => {
    const a = open();
    const b = open();
    await Promise.all([a.client.call('test.echo', { text: 'a' }), b.client.call('test.echo', { text: 'b' })]);
    expect(core.host.peerCount).toBe(2);
    a.contents.destroy();
    expect(core.host.peerCount).toBe(1);
    await expect(b.client.call('test.echo', { text: 'still here' })).resolves.toEqual({ text: 'still here' });
  });

  it('ends the peer, its calls and its subscriptions when the page navigates to a new document', async () => {
    const { contents, client } = open();
    const subscription = client.subscribe('test.ticks', {}, () => undefined);
    await subscription.ready;
    void client.call('test.slow', { ms: 60_000 }).catch(() => undefined);
    await vi.waitFor(() => expect(core.started).toEqual(['test.slow']));

    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(core.host.peerCount).toBe(1);

    contents.navigate(APP_URL);
    expect(core.host.peerCount).toBe(0);
    expect(core.bus.subscriberCount('test.ticks')).toBe(0);
    expect(core.aborts.map((abort) => abort.method)).toEqual(['test.slow']);

    // The reloaded page gets a fresh peer.
    await expect(client.call('test.echo', { text: 'again' })).resolves.toEqual({ text: 'again' });
    expect(core.host.peerCount).toBe(1);
    expect(contents.listenerCount('did-start-navigation')).toBe(1);
  });

  it('ends the peer when the renderer process dies', async () => {
    const { contents, client } = open();
    await client.call('test.echo', { text: 'x' });
    contents.emit('render-process-gone');
    expect(core.closedClients).toHaveLength(1);
  });

  it('does not send to a destroyed webContents', async () => {
    const { contents, client } = open();
    const pending = client.call('test.slow', { ms: 50 });
    await vi.waitFor(() => expect(core.started).toEqual(['test.slow']));
    const send = vi.spyOn(contents, 'send');
    contents.destroy();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(send).not.toHaveBeenCalled();
    void pending.catch(() => undefined);
  });

  it('detaches from ipcMain and closes every peer', async () => {
    const { client } = open();
    await client.call('test.echo', { text: 'x' });
    detach();
    expect(ipcMain.listenerCount(INVOKE_CHANNEL)).toBe(0);
    expect(core.host.peerCount).toBe(0);
  });
});

describe('isAppMainFrame', () => {
  const contents = new FakeWebContents(APP_URL);
  const event = (frame: FakeFrame | null): IpcMainEventLike => ({ sender: contents, senderFrame: frame });

  it('accepts the main frame at the app origin', () => {
    expect(isAppMainFrame(event(contents.mainFrame), APP_URL)).toBe(true);
  });

  it('refuses a gone frame, a child frame, a look-alike frame and a foreign URL', () => {
    expect(isAppMainFrame(event(null), APP_URL)).toBe(false);
    expect(
      isAppMainFrame(
        event(new FakeFrame(APP_URL, contents.mainFrame.processId, contents.mainFrame)),
        APP_URL,
      ),
    ).toBe(false);
    expect(isAppMainFrame(event(new FakeFrame(APP_URL, contents.mainFrame.processId)), APP_URL)).toBe(false);
    const foreign = new FakeWebContents('https://evil.example/');
    expect(isAppMainFrame({ sender: foreign, senderFrame: foreign.mainFrame }, APP_URL)).toBe(false);
  });
});
