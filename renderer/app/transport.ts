import type { Contract } from '../../electron/shared/contract';
import { createClient } from '../../electron/shared/rpc/client';
import { connectWebSocket } from '../../electron/shared/rpc/ws-link';
import type { BosunClient } from '../api/client';
import { createIpcLink } from '../../electron/shared/rpc/ipc-link';
import { takeToken } from './token';

/** How this page reaches the core: Electron's preload bridge, the web mode's WebSocket, or not at all. */
export type Transport =
  | { readonly kind: 'ipc'; readonly connect: () => Promise<BosunClient> }
  | { readonly kind: 'web'; readonly connect: () => Promise<BosunClient> }
  | { readonly kind: 'no-token' };

export function pickTransport(win: Window): Transport {
  const bridge = win.bridge;
  if (bridge) {
    return { kind: 'ipc', connect: async () => createClient<Contract>(createIpcLink(bridge)) };
  }
  const token = takeToken(win.location, win.history, safeSessionStorage(win));
  if (!token) return { kind: 'no-token' };
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${win.location.host}/rpc`;
  return {
    kind: 'web',
    connect: async () => {
      const link = await connectWebSocket({ url, token, create: (u) => new WebSocket(u) });
      return createClient<Contract>(link);
    },
  };
}

function safeSessionStorage(win: Window): Storage | undefined {
  try {
    return win.sessionStorage;
  } catch {
    return undefined;
  }
}
