import type { ContractShape } from '../shared/contract/define';
import type { FrameLink } from '../shared/rpc/link';
import { createLinkEnds } from '../shared/rpc/link-ends';
import type { RpcHost } from './router';

/**
 * The in-process transport (CLI, tests). Frames are structured-cloned and delivered on a later
 * microtask, as a real transport would: nothing shares object identity with the core, and a value
 * that could not cross IPC fails here too.
 */
export function connectInProcess<C extends ContractShape>(host: RpcHost<C>, label = 'in-process'): FrameLink {
  const peer = host.connect(
    (frame) => {
      const copy = structuredClone(frame);
      // Only ever called after a frame from this link, so `ends` exists by then.
      queueMicrotask(() => ends.deliver(copy));
    },
    {
      transport: 'in-process',
      label,
      // Queued behind the peer's farewell frames, so the client settles its calls before it hears
      // that the link is gone.
      onClosedByCore: (reason) => queueMicrotask(() => ends.end(reason.toWire())),
    },
  );
  const ends = createLinkEnds({
    send(frame) {
      const copy: unknown = structuredClone(frame);
      queueMicrotask(() => peer.receive(copy));
    },
    close: () => peer.close(),
    closedByClient: { code: 'UNAVAILABLE', message: 'The connection to the Bosun core was closed.' },
  });
  return ends.link;
}
