import type { ServerFrame } from '../../electron/shared/contract';
import type { WireError } from '../../electron/shared/errors';
import type { FrameLink } from '../../electron/shared/rpc/link';
import type { Bridge } from './bridge';

/**
 * A FrameLink over the preload bridge. IPC does not drop while the window lives, so the link only
 * closes when the renderer closes it.
 */
export function createIpcLink(bridge: Bridge): FrameLink {
  const closeListeners = new Set<(reason: WireError) => void>();
  const frameListeners = new Set<(frame: ServerFrame) => void>();
  let open = true;
  const offBridge = bridge.onFrame((frame) => {
    if (!open) return;
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
      const reason: WireError = {
        code: 'UNAVAILABLE',
        message: 'The window closed its connection to the Bosun core.',
      };
      for (const listener of closeListeners) listener(reason);
    },
  };
}
