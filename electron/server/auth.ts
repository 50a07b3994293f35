import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The web mode's gatekeeping, as pure functions: a per-launch token that travels in the URL fragment
 * and the first WebSocket message, and the Host/Origin checks that keep other pages and DNS-rebinding
 * tricks away from the loopback port.
 */

/** Close code for a socket that did not authenticate (HTTP 401's cousin in the private range). */
export const CLOSE_UNAUTHORIZED = 4401;

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first keeps the length of the expected token secret too. */
export function tokensEqual(expected: string, presented: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented)) && presented.length > 0;
}

/** The only names the page may be reached by: a rebinding attacker's hostname fails here. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/**
 * Browsers always send Origin on a WebSocket upgrade, so its absence means a non-browser client
 * (the CLI, the bench, tests), which still has to present the token.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedOrigins(port).includes(origin.toLowerCase());
}

/** The token from a first message, or undefined when the message is not a well-formed auth frame. */
export function parseAuthMessage(text: string): string | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { t, token } = message as { t?: unknown; token?: unknown };
  return t === 'auth' && typeof token === 'string' && token.length <= 1024 ? token : undefined;
}

/** The URL a person opens: the token rides in the fragment, which browsers never send to a server. */
export function pageUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/#token=${encodeURIComponent(token)}`;
}
