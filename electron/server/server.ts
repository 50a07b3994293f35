import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../shell-common/csp';
import type { RpcHost } from '../rpc/router';
import type { Contract } from '../shared/contract';
import type { ContractShape } from '../shared/contract/define';
import { AppError } from '../shared/errors';
import { generateToken, isAllowedHost, isAllowedOrigin, pageUrl } from './auth';
import { sendText, serveStatic } from '../shell-common/static-files';
import { serveSocket } from './ws-adapter';

export interface WebServerOptions<C extends ContractShape = Contract> {
  readonly core: { readonly host: RpcHost<C> };
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Absent: 32 random bytes per launch. */
  readonly token?: string;
  readonly authTimeoutMs?: number;
  readonly maxBufferedBytes?: number;
  readonly log?: (message: string) => void;
}

export interface WebServer {
  /** What a person opens: http://127.0.0.1:PORT/#token=TOKEN */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';
/** Bounds one frame; a container list of thousands of rows stays well below it. */
export const MAX_PAYLOAD_BYTES = 16 * 2 ** 20;
/**
 * Sockets that may wait to authenticate at once. A real page needs one (a few while reloading);
 * more upgrades are refused with 503 until some authenticate or close.
 */
export const MAX_UNAUTHENTICATED_SOCKETS = 8;
const DEFAULT_AUTH_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BUFFERED_BYTES = 64 * 2 ** 20;
const CLOSE_GRACE_MS = 1_000;

/** Web mode: the renderer and the frame protocol on one loopback port, behind the launch token. */
export async function startWebServer<C extends ContractShape = Contract>(
  options: WebServerOptions<C>,
): Promise<WebServer> {
  const token = options.token ?? generateToken();
  if (token.length < 16)
    throw new AppError('INVALID_ARGUMENT', 'The web token must be at least 16 characters long.');
  let port = 0;
  let headers: Record<string, string> = {};
  let connections = 0;
  let unauthenticated = 0;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port))
      return sendText(res, 403, 'Forbidden: unexpected Host.', headers);
    serveStatic(req, res, { root: options.staticDir, headers }).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Bosun could not read its interface files.', headers);
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req, port);
    if (refusal) return refuseUpgrade(socket, refusal.status, refusal.text);
    if (unauthenticated >= MAX_UNAUTHENTICATED_SOCKETS) {
      return refuseUpgrade(
        socket,
        503,
        'Service Unavailable',
        'Too many connections are waiting to authenticate; try again in a few seconds.',
      );
    }
    // handleUpgrade calls back synchronously, so no other upgrade slips between check and count.
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      unauthenticated += 1;
      serveSocket(ws, options.core.host, {
        token,
        authTimeoutMs: options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        label: `web client ${++connections}`,
        rawSocket: socket,
        onAuthSettled: () => (unauthenticated -= 1),
        ...(options.log ? { log: options.log } : {}),
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(port);

  return {
    url: pageUrl(port, token),
    port,
    token,
    async close() {
      await closeClients([...wss.clients]);
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function upgradeRefusal(req: IncomingMessage, port: number): { status: number; text: string } | undefined {
  if (!isAllowedHost(req.headers.host, port)) return { status: 403, text: 'Forbidden' };
  if (!isAllowedOrigin(req.headers.origin, port)) return { status: 403, text: 'Forbidden' };
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path !== RPC_PATH) return { status: 404, text: 'Not Found' };
  return undefined;
}

function refuseUpgrade(socket: Duplex, status: number, text: string, explanation = text): void {
  const body = `${explanation}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** A polite close first, so clients learn why; whoever does not answer in time is cut off. */
async function closeClients(clients: WebSocket[]): Promise<void> {
  const closed = clients.map(
    (client) =>
      new Promise<void>((resolve) => {
        if (client.readyState === client.CLOSED) return resolve();
        client.once('close', () => resolve());
        client.close(1001, 'Bosun is shutting down');
      }),
  );
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  await Promise.race([Promise.all(closed), grace]);
  for (const client of clients) client.terminate();
}
