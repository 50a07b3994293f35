import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, posix, relative, resolve } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside `root`, or undefined when the path is malformed or would leave
 * the root (`..`, encoded separators, backslashes, NUL). Purely lexical; symlinks are checked when
 * the file is opened.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  // Browsers remove dot segments before sending; one that survives encoding is an attempt.
  if (decoded.split('/').includes('..')) return undefined;
  const file = resolve(root, `.${posix.normalize(decoded)}`);
  return isInside(root, file) ? file : undefined;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(resolve(root), file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export type StaticLookup =
  | { readonly kind: 'file'; readonly file: string; readonly isIndex: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'no-build' };

/**
 * What a URL path serves from a built renderer: the file itself, the app shell for extension-less
 * paths (client-side routes), nothing for missing assets, and 'no-build' while index.html is absent.
 * Shared by the web server and the Electron app:// protocol.
 */
export async function locateStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  const index = join(root, 'index.html');
  if (!(await isFile(index))) return { kind: 'no-build' };
  const file = resolveStaticPath(root, urlPath);
  if (file === undefined) return { kind: 'not-found' };
  let target = file;
  if (!(await isFile(file))) {
    if (extname(file) !== '') return { kind: 'not-found' };
    target = index;
  }
  // A symlink inside the build must not reach files outside it.
  const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
  if (!isInside(realRoot, realTarget)) return { kind: 'not-found' };
  return { kind: 'file', file: target, isIndex: target === index };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface StaticOptions {
  readonly root: string;
  /** Headers every answer carries (CSP and friends). */
  readonly headers: Readonly<Record<string, string>>;
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  options: StaticOptions,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Method not allowed.', { ...options.headers, Allow: 'GET, HEAD' });
  }
  const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const found = await locateStaticFile(options.root, urlPath);
  if (found.kind === 'no-build') return sendNoBuild(res, options.headers);
  if (found.kind === 'not-found') return sendText(res, 404, 'Not found.', options.headers);
  res.writeHead(200, {
    ...options.headers,
    'Content-Type': contentTypeOf(found.file),
    'Cache-Control': found.isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendNoBuild(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  const body = [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bosun: no build yet</title>',
    '<h1>Bosun has not been built yet</h1>',
    '<p>The core is running, but there is no built interface to serve. Run <code>npm run build</code>',
    '(or start with <code>npm run web</code>, which builds first), then reload this page.</p></html>',
  ].join('\n');
  res.writeHead(503, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}
