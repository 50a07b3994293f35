import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_URL, appResponse, registerAppProtocol } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../shell-common/csp';

describe('the app:// protocol', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'bosun-app-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'a.js'), 'export {};');
    await writeFile(join(base, 'secret.txt'), 'secret');
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves the renderer with the CSP and content types', async () => {
    const index = await appResponse(root, APP_URL);
    expect(index.status).toBe(200);
    expect(index.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(Buffer.from(index.body).toString()).toBe('<!doctype html>');
    const js = await appResponse(root, 'app://bosun/assets/a.js');
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect((await appResponse(root, 'app://bosun/containers')).status).toBe(200);
  });

  it('serves nothing outside the build or for another host', async () => {
    for (const url of [
      'app://bosun/..%2fsecret.txt',
      'app://bosun/%2e%2e/secret.txt',
      'app://other/index.html',
    ]) {
      const answer = await appResponse(root, url);
      expect(answer.status).toBe(404);
      expect(String(answer.body)).not.toContain('secret');
    }
  });

  it('answers 503 without a build, through a registered handler', async () => {
    await rm(join(root, 'index.html'));
    let handler: ((request: Request) => Promise<Response>) | undefined;
    registerAppProtocol({ handle: (_scheme, given) => (handler = given) }, root);
    const response = await handler!(new Request(APP_URL));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
