import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_URL } from '../../main/app-protocol';
import { attachIpc, isAppMainFrame } from '../../main/ipc-adapter';
import { createBridge, type Bridge } from '../../preload/bridge';
import { startWebServer } from '../../server/server';
import { connectToWebServer } from '../../server/ws-client';
import type { ContractShape } from '../../shared/contract/define';
import type { ServerFrame } from '../../shared/contract/frames';
import type { WireError } from '../../shared/errors';
import type { FrameLink } from '../../shared/rpc/link';
import { connectInProcess } from '../in-process';
import type { RpcHost } from '../router';
import { FakeIpcMain, FakeWebContents, fakeIpcRenderer } from './ipc-fake';

/** One transport in front of a core: opens client links, and tears itself down. */
export interface Transport {
  connect(): Promise<FrameLink>;
  close(): Promise<void>;
}

export type TransportName = 'in-process' | 'websocket' | 'ipc';
export const TRANSPORTS: readonly TransportName[] = ['in-process', 'websocket', 'ipc'];

export async function openTransport<C extends ContractShape>(
  name: TransportName,
  host: RpcHost<C>,
): Promise<Transport> {
  switch (name) {
    case 'in-process':
      return { connect: async () => connectInProcess(host), close: async () => undefined };
    case 'websocket':
      return openWebSocket(host);
    case 'ipc':
      return openIpc(host);
  }
}

async function openWebSocket<C extends ContractShape>(host: RpcHost<C>): Promise<Transport> {
  const staticDir = await mkdtemp(join(tmpdir(), 'bosun-conformance-'));
  const server = await startWebServer({ core: { host }, staticDir });
  return {
    connect: () => connectToWebServer(server.url),
    async close() {
      await server.close();
      await rm(staticDir, { recursive: true, force: true });
    },
  };
}

function openIpc<C extends ContractShape>(host: RpcHost<C>): Transport {
  const ipcMain = new FakeIpcMain();
  const detach = attachIpc(ipcMain, host, { isTrustedSender: (event) => isAppMainFrame(event, APP_URL) });
  const windows = new Set<FakeWebContents>();
  return {
    async connect() {
      const contents = new FakeWebContents(APP_URL);
      windows.add(contents);
      const bridge = createBridge(fakeIpcRenderer(ipcMain, contents, contents.mainFrame));
      return bridgeLink(bridge, () => contents.destroy());
    },
    async close() {
      for (const contents of windows) contents.destroy();
      detach();
    },
  };
}

/**
 * The renderer's view of the preload bridge as a FrameLink. An IPC client only goes away with its
 * page, so closing the link tears the (fake) window down, which is what ends the peer in Electron.
 */
export function bridgeLink(bridge: Bridge, teardown: () => void): FrameLink {
  const frameListeners = new Set<(frame: ServerFrame) => void>();
  const closeListeners = new Set<(reason: WireError) => void>();
  let open = true;
  const offBridge = bridge.onFrame((frame) => {
    for (const listener of frameListeners) listener(frame);
  });
  return {
    send(frame) {
      if (open) bridge.send(frame);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (!open) return;
      open = false;
      offBridge();
      teardown();
      for (const listener of closeListeners)
        listener({ code: 'UNAVAILABLE', message: 'The window was closed.' });
    },
  };
}
