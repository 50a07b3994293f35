import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentTypeOf, locateStaticFile, resolveStaticPath } from './static-files';

describe('resolveStaticPath', () => {
  it('maps URL paths inside the root and refuses the rest', () => {
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app');
    expect(resolveStaticPath('/srv/app', '/a/%2e%2e/b.js')).toBeUndefined();
    expect(resolveStaticPath('/srv/app', '/..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(resolveStaticPath('/srv/app', '/a%5cb')).toBeUndefined();
    expect(resolveStaticPath('/srv/app', '/a%00')).toBeUndefined();
    expect(resolveStaticPath('/srv/app', '/%zz')).toBeUndefined();
    expect(resolveStaticPath('/srv/app', 'relative')).toBeUndefined();
  });
});

describe('locateStaticFile', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'bosun-locate-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'a.js'), 'export {};');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(base, join(root, 'escape'));
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('finds files, falls back to the app shell for routes, and refuses what leaves the build', async () => {
    expect(await locateStaticFile(root, '/assets/a.js')).toEqual({
      kind: 'file',
      file: join(root, 'assets', 'a.js'),
      isIndex: false,
    });
    expect(await locateStaticFile(root, '/containers/x')).toEqual({
      kind: 'file',
      file: join(root, 'index.html'),
      isIndex: true,
    });
    expect(await locateStaticFile(root, '/assets/missing.js')).toEqual({ kind: 'not-found' });
    expect(await locateStaticFile(root, '/escape/secret.txt')).toEqual({ kind: 'not-found' });
  });

  it("says 'no-build' while index.html is missing", async () => {
    await rm(join(root, 'index.html'));
    expect(await locateStaticFile(root, '/')).toEqual({ kind: 'no-build' });
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer build and falls back to octet-stream', () => {
    expect(contentTypeOf('/a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/app.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/data.bin')).toBe('application/octet-stream');
  });
});
