import type { Bridge } from '../../electron/shared/rpc/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload's contextBridge). */
    bridge?: Bridge;
  }
}

export type { Bridge };
