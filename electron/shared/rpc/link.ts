import type { ClientFrame, ServerFrame } from '../contract/frames';
import type { WireError } from '../errors';

/**
 * A transport seen from the client: it sends frames to the core and hands back what the core sends.
 * IPC (preload bridge), WebSocket and in-process links all have this shape.
 */
export interface FrameLink {
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  /** Fires once when the link is gone for good (socket closed, window torn down). */
  onClose(listener: (reason: WireError) => void): () => void;
  close(): void;
}
