import { readFile } from 'node:fs/promises';
import { contentTypeOf, locateStaticFile } from '../shell-common/static-files';
import { CONTENT_SECURITY_POLICY } from '../shell-common/csp';

/**
 * The window loads the renderer from app://bosun/ rather than file://: a file:// page shares its
 * origin with every local file, and its CSP 'self' would cover the whole disk.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bosun`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Registered before the app is ready: a standard, secure scheme, like https for the renderer. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export interface AppResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

const HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** What app://bosun/<path> answers, from the built renderer in `root`. */
export async function appResponse(root: string, requestUrl: string): Promise<AppResponse> {
  const text = (status: number, body: string): AppResponse => ({
    status,
    headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body,
  });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return text(404, 'Not found.');
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return text(404, 'Not found.');
  const found = await locateStaticFile(root, url.pathname);
  if (found.kind === 'no-build') return text(503, 'Bosun has not been built yet: run `npm run build`.');
  if (found.kind === 'not-found') return text(404, 'Not found.');
  return {
    status: 200,
    headers: { ...HEADERS, 'Content-Type': contentTypeOf(found.file) },
    body: await readFile(found.file),
  };
}

export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export function registerAppProtocol(protocol: ProtocolLike, root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await appResponse(root, request.url);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
