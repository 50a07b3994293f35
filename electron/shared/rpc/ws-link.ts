import { serverFrameSchema, type ServerFrame } from '../contract/frames';
import { AppError } from '../errors';
import type { FrameLink } from './link';
import { decodeWireFrame, encodeWireFrame } from './frame-codec';
import { createLinkEnds } from './link-ends';

export interface MessageEventLike {
  readonly data: unknown;
}
export interface CloseEventLike {
  readonly code: number;
  readonly reason: string;
}

/** The part of a WebSocket this link uses: the browser's WebSocket and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  /** Set to 'arraybuffer' so binary messages arrive whole, not as a browser Blob. */
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drop the connection at once, without a closing handshake the core may never answer. */
  terminate?(): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  addEventListener(type: 'close', listener: (event: CloseEventLike) => void): void;
  removeEventListener(type: 'open' | 'error', listener: () => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: 'close', listener: (event: CloseEventLike) => void): void;
}

export interface WebSocketLinkOptions {
  /** ws://127.0.0.1:PORT/rpc */
  readonly url: string;
  readonly token: string;
  readonly create: (url: string) => WebSocketLike;
  /** How long to wait for the socket to open and the core to accept the token. */
  readonly handshakeTimeoutMs?: number;
}

/** The close code the core uses for a missing or wrong token. */
export const CLOSE_UNAUTHORIZED = 4401;
const OPEN = 1;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

const refusedToken = (): AppError =>
  new AppError(
    'PERMISSION_DENIED',
    "The Bosun core refused this page's token: open the URL printed by `bosun web` (or `npm start`) again.",
  );
const unreachable = (url: string): AppError =>
  new AppError(
    'UNAVAILABLE',
    `Bosun could not connect to its core at ${url}. Is \`bosun web\` still running?`,
  );

/**
 * The WebSocket transport seen from a client (browser renderer, CLI, bench, tests): opens the socket,
 * presents the launch token, and resolves once the core answers `{"t":"ready"}`.
 */
export function connectWebSocket(options: WebSocketLinkOptions): Promise<FrameLink> {
  return new Promise<FrameLink>((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = options.create(options.url);
    } catch {
      reject(unreachable(options.url));
      return;
    }
    // `ws` emits 'error' (and throws it, with no listener) for a socket torn down while still
    // connecting, and may emit it later too; this listener stays for the socket's whole life.
    // Browsers say nothing useful in 'error'; the 'close' that follows settles the handshake.
    socket.addEventListener('error', ignoreError);
    // Browsers hand binary messages over as a Blob (read asynchronously); `ws` as a Buffer already.
    if (socket.binaryType === 'blob') socket.binaryType = 'arraybuffer';
    const timer = setTimeout(() => {
      detach();
      // close() on an open socket waits for a closing handshake a silent core never completes.
      if (socket.terminate) socket.terminate();
      else socket.close();
      reject(unreachable(options.url));
    }, options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS);

    const onOpen = (): void => socket.send(JSON.stringify({ t: 'auth', token: options.token }));
    const onMessage = (event: MessageEventLike): void => {
      if (!isReady(event.data)) return;
      detach();
      resolve(createLink(socket));
    };
    const onClose = (event: CloseEventLike): void => {
      detach();
      reject(event.code === CLOSE_UNAUTHORIZED ? refusedToken() : unreachable(options.url));
    };
    const detach = (): void => {
      clearTimeout(timer);
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('message', onMessage);
      socket.removeEventListener('close', onClose);
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
  });
}

const ignoreError = (): void => undefined;

function isReady(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  try {
    const message: unknown = JSON.parse(data);
    return typeof message === 'object' && message !== null && (message as { t?: unknown }).t === 'ready';
  } catch {
    return false;
  }
}

function createLink(socket: WebSocketLike): FrameLink {
  let warned = false;
  // The 'error' listener added at creation stays: a closing socket may still report one.
  const detach = (): void => {
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
  };
  const ends = createLinkEnds({
    send(frame) {
      if (socket.readyState === OPEN) socket.send(encodeWireFrame(frame));
    },
    close() {
      detach();
      socket.close(1000, 'client closed');
    },
    closedByClient: { code: 'UNAVAILABLE', message: 'The connection to the Bosun core was closed.' },
  });
  const onMessage = (event: MessageEventLike): void => {
    const frame = parseFrame(event.data);
    if (frame) {
      ends.deliver(frame);
    } else if (!warned) {
      warned = true;
      console.warn('bosun: dropped a frame from the core that does not follow the protocol');
    }
  };
  const onClose = (event: CloseEventLike): void => {
    detach();
    const details = { closeCode: event.code, closeReason: event.reason };
    ends.end({ code: 'UNAVAILABLE', message: 'The connection to the Bosun core was lost.', details });
  };
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);
  return ends.link;
}

function parseFrame(data: unknown): ServerFrame | undefined {
  let message: string | Uint8Array | undefined;
  if (typeof data === 'string' || data instanceof Uint8Array) message = data;
  else if (data instanceof ArrayBuffer) message = new Uint8Array(data);
  if (message === undefined) return undefined;
  const raw = decodeWireFrame(message);
  const parsed = serverFrameSchema.safeParse(raw);
  return parsed.success ? (parsed.data as ServerFrame) : undefined;
}
