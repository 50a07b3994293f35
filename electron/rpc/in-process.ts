import type { ContractShape } from '../shared/contract/define';
import type { ServerFrame } from '../shared/contract/frames';
import type { WireError } from '../shared/errors';
import type { FrameLink } from '../shared/rpc/link';
import type { RpcHost } from './router';

/**
 * The in-process transport (CLI, tests). Frames are structured-cloned and delivered on a later
 * microtask, as a real transport would: nothing shares object identity with the core, and a value
 * that could not cross IPC fails here too.
 */
export function connectInProcess<C extends ContractShape>(host: RpcHost<C>, label = 'in-process'): FrameLink {
  const frameListeners = new Set<(frame: ServerFrame) => void>();
  const closeListeners = new Set<(reason: WireError) => void>();
  let open = true;
  const peer = host.connect(
    (frame) => {
      const copy = structuredClone(frame);
      queueMicrotask(() => {
        for (const listener of frameListeners) listener(copy);
      });
    },
    { transport: 'in-process', label },
  );
  return {
    send(frame) {
      if (!open) return;
      const copy: unknown = structuredClone(frame);
      queueMicrotask(() => peer.receive(copy));
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
      peer.close();
      const reason: WireError = {
        code: 'UNAVAILABLE',
        message: 'The connection to the Bosun core was closed.',
      };
      for (const listener of closeListeners) listener(reason);
    },
  };
}
