import type { ServerFrame } from '../shared/contract/frames';
import type { Bridge } from '../shared/rpc/bridge';

/** The only two IPC channels of Bosun (DESIGN.md §1), shared with electron/main/ipc-adapter.ts. */
export const INVOKE_CHANNEL = 'rpc:invoke';
export const EVENT_CHANNEL = 'rpc:event';

export type { Bridge };

export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * A frame pipe with no domain knowledge: what the renderer may do is decided by the contract in the
 * core, which validates every frame. The IPC event never reaches the page (its `sender` is
 * ipcRenderer itself), only the frame does.
 */
export function createBridge(ipcRenderer: IpcRendererLike): Bridge {
  return {
    send(frame) {
      ipcRenderer.send(INVOKE_CHANNEL, frame);
    },
    onFrame(listener) {
      const relay = (_event: unknown, frame: unknown): void => listener(frame as ServerFrame);
      ipcRenderer.on(EVENT_CHANNEL, relay);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, relay);
      };
    },
    capabilities: { transport: 'ipc' },
  };
}
