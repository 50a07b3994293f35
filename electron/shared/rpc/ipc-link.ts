import type { Bridge } from './bridge';
import type { FrameLink } from './link';
import { createLinkEnds } from './link-ends';

/**
 * A FrameLink over the preload bridge. IPC does not drop while the window lives, so the link only
 * closes when the renderer closes it; `onClosed` lets a caller end the window's side too.
 */
export function createIpcLink(bridge: Bridge, onClosed: () => void = () => undefined): FrameLink {
  let offBridge = (): void => undefined;
  const ends = createLinkEnds({
    send: (frame) => bridge.send(frame),
    close: () => {
      offBridge();
      onClosed();
    },
    closedByClient: { code: 'UNAVAILABLE', message: 'The window closed its connection to the Bosun core.' },
  });
  offBridge = bridge.onFrame((frame) => ends.deliver(frame));
  return ends.link;
}
