import type { ClientFrame, ServerFrame } from '../contract/frames';
import type { WireError } from '../errors';
import type { FrameLink } from './link';

/** What a concrete transport does; the listener bookkeeping every link needs lives here once. */
export interface LinkTransport {
  send(frame: ClientFrame): void;
  /** Tear the transport down when the client closes the link. */
  close(): void;
  /** What the link's listeners are told when the client closed it. */
  readonly closedByClient: WireError;
}

export interface LinkEnds {
  readonly link: FrameLink;
  /** Hand a frame from the core to the link's listeners (ignored once closed). */
  deliver(frame: ServerFrame): void;
  /** The transport is gone: tell the listeners once, then go quiet. */
  end(reason: WireError): void;
  readonly isOpen: () => boolean;
}

export function createLinkEnds(transport: LinkTransport): LinkEnds {
  const frameListeners = new Set<(frame: ServerFrame) => void>();
  const closeListeners = new Set<(reason: WireError) => void>();
  let open = true;
  let endedWith: WireError | undefined;
  const end = (reason: WireError): void => {
    if (!open) return;
    open = false;
    endedWith = reason;
    for (const listener of closeListeners) listener(reason);
  };
  return {
    link: {
      send(frame) {
        if (open) transport.send(frame);
      },
      onFrame(listener) {
        frameListeners.add(listener);
        return () => frameListeners.delete(listener);
      },
      onClose(listener) {
        // A link can end before anyone listens (a core that shut down ends new links at once); a
        // late listener still hears it, on a microtask so it is never called while registering.
        if (endedWith !== undefined) {
          const reason = endedWith;
          let active = true;
          queueMicrotask(() => {
            if (active) listener(reason);
          });
          return () => {
            active = false;
          };
        }
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
      close() {
        if (!open) return;
        transport.close();
        end(transport.closedByClient);
      },
    },
    deliver(frame) {
      if (!open) return;
      for (const listener of frameListeners) listener(frame);
    },
    end,
    isOpen: () => open,
  };
}
