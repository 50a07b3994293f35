// Taking over an upgrade request as a channel WebSocket (or refusing it with a Status, as the API server
// does), and sending frames with flow control so a fast process cannot fill memory behind a slow client.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { statusObject } from '../status';
import { decodeFrame, encodeFrame, negotiateProtocol, type ChannelFlavor, type Frame } from './channel-codec';

/** Above this many unsent bytes the producer is paused until the socket drains below the low mark. */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

const chosenProtocol = new WeakMap<IncomingMessage, string>();
const server = new WebSocketServer({
  noServer: true,
  maxPayload: 16 * 1024 * 1024,
  // The protocol was negotiated before the upgrade was taken; '' means the client offered none.
  handleProtocols: (_offered, request) => chosenProtocol.get(request) || false,
});

/** Answers an upgrade request with an HTTP error carrying a metav1.Status, then closes the socket. */
export function rejectUpgrade(socket: Duplex, code: number, message: string): void {
  const body = JSON.stringify(statusObject(code, message));
  const head = [
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-cache, private',
    'Connection: close',
  ].join('\r\n');
  if (socket.writable) socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
  else socket.destroy();
}

/** Negotiates one of `flavors` and takes the upgrade; refuses with 400 what is not a channel WebSocket. */
export function acceptChannels(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  flavors: readonly ChannelFlavor[],
  onOpen: (conn: ChannelConn) => void,
): void {
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    rejectUpgrade(
      socket,
      400,
      `Upgrade request required: this server streams over WebSocket (${flavors[0]?.name}); SPDY is not implemented`,
    );
    return;
  }
  const negotiated = negotiateProtocol(req.headers['sec-websocket-protocol'], flavors);
  if (!negotiated.ok) {
    const supported = flavors.map((f) => f.name).join(' ');
    rejectUpgrade(
      socket,
      400,
      `unable to upgrade connection: requested protocol(s) are not supported: [${negotiated.offered.join(' ')}]; supports [${supported}]`,
    );
    return;
  }
  chosenProtocol.set(req, negotiated.flavor.name);
  server.handleUpgrade(req, socket, head, (ws) => onOpen(new ChannelConn(ws, negotiated.flavor)));
}

/** One accepted channel WebSocket. */
export class ChannelConn {
  private readonly closeHandlers: (() => void)[] = [];

  constructor(
    private readonly ws: WebSocket,
    readonly flavor: ChannelFlavor,
  ) {
    // A broken peer must not crash the server: the socket is dropped and close handlers run.
    ws.on('error', () => ws.terminate());
    ws.once('close', () => {
      for (const handler of this.closeHandlers.splice(0)) handler();
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends `payload` on `channel`; pauses `source` while the client is behind. */
  send(channel: number, payload: Uint8Array, source?: Readable): void {
    this.sendMessage(encodeFrame(this.flavor, channel, payload), source);
  }

  /** Sends one already framed message (a status frame). */
  sendMessage(message: Buffer | string, source?: Readable): void {
    if (!this.open) return;
    const ws = this.ws;
    const resume =
      source === undefined
        ? undefined
        : () => {
            if (source.isPaused() && ws.bufferedAmount < LOW_WATER) source.resume();
          };
    ws.send(message, { binary: this.flavor.binary }, resume);
    if (source !== undefined && ws.bufferedAmount > HIGH_WATER) source.pause();
  }

  /** Every received message with a channel byte, decoded. */
  onFrame(handler: (frame: Frame) => void): void {
    this.ws.on('message', (data: RawData) => {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      const frame = decodeFrame(this.flavor, bytes);
      if (frame !== undefined) handler(frame);
    });
  }

  /** Stops reading client messages until `resume` (the process's stdin is full). */
  pauseInput(): void {
    this.ws.pause();
  }

  resumeInput(): void {
    this.ws.resume();
  }

  /** Runs once the socket is closed, by either side (at once if it already is). */
  onClose(handler: () => void): void {
    if (this.ws.readyState === WebSocket.CLOSED) handler();
    else this.closeHandlers.push(handler);
  }

  /** A normal close after everything queued has been sent. */
  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(1000);
  }
}
