import type { ClientFrame, ServerFrame } from '../contract/frames';

/**
 * What Electron's preload exposes as window.bridge: a generic frame pipe with no domain knowledge, so
 * everything the renderer may do is still decided by the contract in the core.
 */
export interface Bridge {
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  readonly capabilities: { readonly transport: 'ipc' };
}
