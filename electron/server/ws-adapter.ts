import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import type { RpcHost, RpcPeer } from '../rpc/router';
import type { ContractShape } from '../shared/contract/define';
import type { ServerFrame } from '../shared/contract/frames';
import { toWireError } from '../shared/errors';
import { decodeWireFrame, encodeWireFrame } from '../shared/rpc/frame-codec';
import { CLOSE_UNAUTHORIZED, parseAuthMessage, tokensEqual } from './auth';

/** Close code for a client that stopped reading: its frames would otherwise pile up in memory. */
export const CLOSE_TOO_SLOW = 4429;
/** Close code when the core shuts down (the standard "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** An auth message is about 100 bytes; a first message larger than this is refused (4401). */
export const MAX_AUTH_MESSAGE_BYTES = 4 * 1024;
/**
 * Raw bytes a socket may send before it has authenticated: room for the auth message, its frame
 * header and a control frame or two. Beyond it the socket is cut without reading further, so a
 * stranger cannot make the core buffer a 16 MiB message it has not yet been allowed to send.
 */
export const MAX_UNAUTHENTICATED_BYTES = 2 * MAX_AUTH_MESSAGE_BYTES;

export interface SocketOptions {
  readonly token: string;
  readonly authTimeoutMs: number;
  /** Bytes queued for a client beyond which it is considered gone. */
  readonly maxBufferedBytes: number;
  readonly label: string;
  /** The upgraded TCP stream under `socket`, watched for bytes until the client authenticates. */
  readonly rawSocket: Duplex;
  /** Called once, when the socket authenticates or closes, whichever comes first. */
  readonly onAuthSettled?: () => void;
  readonly log?: (message: string) => void;
}

/** How long a closed socket may wait for the client's acknowledgement before it is cut. */
const TERMINATE_AFTER_MS = 5_000;

/**
 * One WebSocket ↔ one RpcPeer. The first message must carry the launch token; after that each
 * message is one frame: JSON text, or binary when it carries bytes (shared/rpc/frame-codec.ts).
 * A message that is no frame at all is dropped: it carries no id to answer to, and the peer answers
 * malformed frames that do.
 */
export function serveSocket<C extends ContractShape>(
  socket: WebSocket,
  host: RpcHost<C>,
  options: SocketOptions,
): void {
  let state: 'auth' | 'ready' | 'refused' = 'auth';
  let peer: RpcPeer<C> | undefined;
  const log = options.log ?? ((message: string) => console.warn(`bosun web: ${message}`));
  let authSettled = false;
  const settleAuth = (): void => {
    if (authSettled) return;
    authSettled = true;
    options.rawSocket.off('data', countUnauthenticated);
    options.onAuthSettled?.();
  };

  // A closed socket lingers until the peer acknowledges; a stranger's socket should not.
  const closeFirmly = (code: number, reason: string): void => {
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref();
  };
  const refuse = (reason = 'unauthorized'): void => {
    state = 'refused';
    clearTimeout(authTimer);
    closeFirmly(CLOSE_UNAUTHORIZED, reason);
  };
  const authTimer = setTimeout(refuse, options.authTimeoutMs);

  // Runs after ws has parsed the same chunk, so a well-formed auth message has already moved the
  // socket out of 'auth' by the time its bytes are counted.
  let unauthenticatedBytes = 0;
  const countUnauthenticated = (chunk: Buffer): void => {
    if (state !== 'auth') return;
    unauthenticatedBytes += chunk.length;
    if (unauthenticatedBytes <= MAX_UNAUTHENTICATED_BYTES) return;
    state = 'refused';
    clearTimeout(authTimer);
    socket.terminate();
  };
  options.rawSocket.on('data', countUnauthenticated);

  const sink = (frame: ServerFrame): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > options.maxBufferedBytes) {
      const mib = Math.round(options.maxBufferedBytes / 2 ** 20);
      log(`closing ${options.label}: it fell more than ${mib} MiB behind`);
      closeFirmly(CLOSE_TOO_SLOW, `client too slow: more than ${mib} MiB unread`);
      peer?.close();
      return;
    }
    const message = encodeFrame(frame, log);
    if (message !== undefined) socket.send(message);
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (state === 'refused') return;
    if (state === 'auth') {
      if (byteLength(data) > MAX_AUTH_MESSAGE_BYTES) return refuse('first message too large');
      const token = isBinary ? undefined : parseAuthMessage(rawToString(data));
      if (token === undefined || !tokensEqual(options.token, token)) return refuse();
      clearTimeout(authTimer);
      state = 'ready';
      settleAuth();
      peer = host.connect(sink, {
        transport: 'ws',
        label: options.label,
        onClosedByCore: () => closeFirmly(CLOSE_GOING_AWAY, 'Bosun is shutting down'),
      });
      // A core that has already shut down closed the socket inside connect(): no 'ready' then.
      if (!peer.isClosed) socket.send(JSON.stringify({ t: 'ready' }));
      return;
    }
    // Malformed messages carry no id to answer to: dropped (the peer answers malformed frames itself).
    const frame = decodeWireFrame(isBinary ? rawToBytes(data) : rawToString(data));
    if (frame !== undefined) peer?.receive(frame);
  });
  socket.on('close', () => {
    clearTimeout(authTimer);
    settleAuth();
    peer?.close();
  });
  // ws emits 'close' after every 'error'; the listener only keeps an error from being thrown.
  socket.on('error', () => undefined);
}

/**
 * JSON cannot carry every value a handler might return (BigInt, cycles). A result that cannot be
 * encoded still answers its caller, with INTERNAL, instead of leaving the call to time out.
 */
export function encodeFrame(
  frame: ServerFrame,
  log: (message: string) => void,
): string | Uint8Array | undefined {
  try {
    return encodeWireFrame(frame);
  } catch (error) {
    log(`could not encode a ${frame.t} frame: ${error instanceof Error ? error.message : String(error)}`);
    if (frame.t === 'event' || frame.t === 'closed') return undefined;
    const envelope = { ok: false as const, error: toWireError(new Error('unencodable')) };
    return JSON.stringify({ t: frame.t, id: frame.id, envelope });
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}

function rawToBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
