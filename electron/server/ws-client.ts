import { WebSocket } from 'ws';
import { AppError } from '../shared/errors';
import type { FrameLink } from '../shared/rpc/link';
import { connectWebSocket, type WebSocketLike } from '../shared/rpc/ws-link';
import { MAX_PAYLOAD_BYTES, RPC_PATH } from './server';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where to connect and with which token, from the page URL `bosun web` prints. */
export function parseWebUrl(pageUrl: string): { wsUrl: string; token: string } {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${pageUrl.slice(0, 200)}" is not a URL; pass the one \`bosun web\` printed.`,
    );
  }
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (url.protocol !== 'http:' || !token) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'Pass the full URL `bosun web` printed: http://127.0.0.1:PORT/#token=…',
    );
  }
  // The token travels unencrypted: it must never leave this machine.
  if (!LOOPBACK.has(url.hostname)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Bosun's web mode only listens on this machine, not on ${url.hostname}.`,
    );
  }
  return { wsUrl: `ws://${url.host}${RPC_PATH}`, token };
}

/** A FrameLink to a running `bosun web`, for Node clients (CLI, bench, tests). */
export function connectToWebServer(
  pageUrl: string,
  options: { handshakeTimeoutMs?: number } = {},
): Promise<FrameLink> {
  const { wsUrl, token } = parseWebUrl(pageUrl);
  return connectWebSocket({
    url: wsUrl,
    token,
    create: (url): WebSocketLike => new WebSocket(url, { maxPayload: MAX_PAYLOAD_BYTES }),
    ...options,
  });
}
