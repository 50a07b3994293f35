import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_URL } from '../../main/app-protocol';
import { attachIpc, isAppMainFrame } from '../../main/ipc-adapter';
import { createBridge } from '../../preload/bridge';
import { createIpcLink } from '../../shared/rpc/ipc-link';
import { startWebServer } from '../../server/server';
import { connectToWebServer } from '../../server/ws-client';
import type { ContractShape } from '../../shared/contract/define';
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
      return createIpcLink(bridge, () => contents.destroy());
    },
    async close() {
      for (const contents of windows) contents.destroy();
      detach();
    },
  };
}
