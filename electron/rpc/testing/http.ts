import { request } from 'node:http';
import { WebSocket, type ClientOptions } from 'ws';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with the path sent exactly as given (no client-side normalisation). */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A raw `ws` client (no handshake of ours): for the tests of the gate itself. */
export function openSocket(url: string, options: ClientOptions = {}): WebSocket {
  return new WebSocket(url, options);
}

/** 101 when the upgrade succeeded, else the HTTP status the server refused it with. */
export function upgradeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = openSocket(url, options);
    socket.on('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
  });
}

/** Resolves with the close code and reason the server ended the socket with. */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

export function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

/** The next text message, parsed. */
export function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
  });
}

/** Opens, authenticates, and waits for {"t":"ready"}. */
export async function authenticatedSocket(port: number, token: string): Promise<WebSocket> {
  const socket = openSocket(`ws://127.0.0.1:${port}/rpc`);
  await opened(socket);
  const ready = nextMessage(socket);
  socket.send(JSON.stringify({ t: 'auth', token }));
  const message = await ready;
  if ((message as { t?: unknown }).t !== 'ready')
    throw new Error(`expected ready, got ${JSON.stringify(message)}`);
  return socket;
}
