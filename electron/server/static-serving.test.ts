import { connect } from 'node:net';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../rpc/testing/http';
import { createTestCore, type TestCore } from '../rpc/testing/test-core';
import { startWebServer, type WebServer } from './server';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUILD';
const INDEX = '<!doctype html><title>Bosun</title><script type="module" src="./assets/app.js"></script>';

describe('web server: static files', () => {
  let core: TestCore;
  let server: WebServer;
  let base: string;
  let staticDir: string;

  beforeEach(async () => {
    core = createTestCore();
    base = await mkdtemp(join(tmpdir(), 'bosun-static-'));
    staticDir = join(base, 'renderer');
    await mkdir(join(staticDir, 'assets'), { recursive: true });
    await writeFile(join(staticDir, 'index.html'), INDEX);
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
    await writeFile(join(staticDir, 'assets', 'data.bin'), 'bytes');
    await writeFile(join(base, 'secret.txt'), SECRET);
    await symlink(base, join(staticDir, 'escape'));
    server = await startWebServer({ core, staticDir });
  });

  afterEach(async () => {
    await server.close();
    await core.dispose();
    await rm(base, { recursive: true, force: true });
  });

  it('serves index.html with the security headers and no caching', async () => {
    const res = await rawRequest(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves assets with their content types', async () => {
    const js = await rawRequest(server.port, '/assets/app.js');
    expect([js.status, js.body, js.headers['content-type']]).toEqual([
      200,
      'console.log(1);',
      'text/javascript; charset=utf-8',
    ]);
    expect(js.headers['cache-control']).toBe('no-cache');
    expect((await rawRequest(server.port, '/assets/app.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await rawRequest(server.port, '/assets/data.bin')).headers['content-type']).toBe(
      'application/octet-stream',
    );
  });

  it('answers client-side routes with the app shell, and missing assets with 404', async () => {
    const route = await rawRequest(server.port, '/containers/local/abc');
    expect([route.status, route.body]).toEqual([200, INDEX]);
    expect((await rawRequest(server.port, '/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%2fsecret.txt',
    '/escape/secret.txt',
    '/escape%2fsecret.txt',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
  ])('never serves a file outside the build: %s', async (path) => {
    const res = await rawRequest(server.port, path);
    expect(res.body).not.toContain(SECRET);
    expect([200, 400, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body).toBe(INDEX);
  });

  it('refuses a foreign Host on plain HTTP too', async () => {
    const res = await rawRequest(server.port, '/', { host: 'rebound.evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Bosun</title>');
  });

  it('refuses a request without a Host header', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port }, () =>
        socket.end('GET / HTTP/1.0\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await rawRequest(server.port, '/', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
    const post = await rawRequest(server.port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 503 with instructions while there is no build', async () => {
    await rm(join(staticDir, 'index.html'));
    const res = await rawRequest(server.port, '/');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
