import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import {
  appletsOf,
  fromImageContext,
  packTar,
  RECIPE_DOCKERFILE,
  recipeContext,
  rootfsEntries,
  TOOLBOX_LABEL,
} from './toolbox-recipe';

interface Unpacked {
  readonly header: Header;
  readonly content: Buffer;
}

/** Every entry of a tar, by name, parsed back with tar-stream. */
async function untar(tar: Buffer): Promise<Map<string, Unpacked>> {
  const entries = new Map<string, Unpacked>();
  const parser = extract();
  const done = (async () => {
    for await (const entry of parser) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.set(entry.header.name, { header: entry.header, content: Buffer.concat(chunks) });
    }
  })();
  parser.end(tar);
  await done;
  return entries;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const APPLETS = Array.from({ length: 120 }, (_, i) => `applet${i}`);
const BUSYBOX = Buffer.from('\x7fELF pretend busybox');

describe('appletsOf', () => {
  it('takes the names of busybox --list, without busybox itself, paths or duplicates', () => {
    const list = ['[', '[[', 'ash', 'busybox', 'sh', '/bin/odd', 'sh', '', ...APPLETS].join('\n');
    const applets = appletsOf(list);
    expect(applets.slice(0, 4)).toEqual(['[', '[[', 'ash', 'sh']);
    expect(applets).not.toContain('busybox');
    expect(applets).toHaveLength(4 + APPLETS.length);
  });

  it('refuses a busybox with only a few applets', () => {
    expect(() => appletsOf('sh\nls\ncat\n')).toThrow(/only 3 applets/);
  });
});

describe('the recipe root filesystem', () => {
  it('holds the static busybox, a symlink per applet and a small /etc, all owned by root', async () => {
    const entries = await untar(await packTar(rootfsEntries(BUSYBOX, ['sh', 'ls', ...APPLETS])));
    const busybox = entries.get('bin/busybox');
    expect(busybox?.header).toMatchObject({ type: 'file', mode: 0o755, uid: 0, gid: 0 });
    expect(busybox?.content.equals(BUSYBOX)).toBe(true);
    for (const applet of ['sh', 'ls', 'applet0', 'applet119']) {
      expect(entries.get(`bin/${applet}`)?.header).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    }
    expect(entries.get('usr/bin/env')?.header).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    expect(entries.get('etc/passwd')?.content.toString()).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh$/m);
    expect(entries.get('etc/group')?.content.toString()).toMatch(/^root:x:0:$/m);
    expect(entries.get('etc/nsswitch.conf')?.content.toString()).toBe('hosts: files dns\n');
    expect(entries.get('tmp')?.header).toMatchObject({ type: 'directory', mode: 0o1777 });
    expect(entries.get('var/tmp')?.header).toMatchObject({ type: 'directory', mode: 0o1777 });
    expect(entries.get('root')?.header).toMatchObject({ type: 'directory', mode: 0o700 });
    for (const [, { header }] of entries) expect(header).toMatchObject({ uid: 0, gid: 0 });
  });

  it('is byte for byte the same when packed twice (fixed times: a rebuild reuses the layer)', async () => {
    const a = await packTar(rootfsEntries(BUSYBOX, APPLETS));
    const b = await packTar(rootfsEntries(BUSYBOX, APPLETS));
    expect(a.equals(b)).toBe(true);
  });
});

describe('build contexts', () => {
  it('the recipe context holds the Dockerfile of assets/toolbox and rootfs.tar', async () => {
    const context = await untar(await collect(await recipeContext(BUSYBOX, APPLETS)));
    expect([...context.keys()].sort()).toEqual(['Dockerfile', 'rootfs.tar']);
    const dockerfile = context.get('Dockerfile')?.content.toString();
    expect(dockerfile).toBe(RECIPE_DOCKERFILE);
    expect(dockerfile).toContain('FROM scratch\nADD rootfs.tar /\n');
    expect(dockerfile).toContain(`LABEL ${TOOLBOX_LABEL}="1"`);
    expect(dockerfile).toContain('CMD ["sh"]');
    const rootfs = await untar(context.get('rootfs.tar')?.content ?? Buffer.alloc(0));
    expect(rootfs.get('bin/busybox')?.content.equals(BUSYBOX)).toBe(true);
  });

  it('a pulled busybox gets a context of only a Dockerfile that labels it', async () => {
    const context = await untar(await collect(await fromImageContext('busybox:1.36-musl')));
    expect([...context.keys()]).toEqual(['Dockerfile']);
    expect(context.get('Dockerfile')?.content.toString()).toBe(
      `FROM busybox:1.36-musl\nLABEL ${TOOLBOX_LABEL}="1"\n`,
    );
  });

  it('matches the Dockerfile in assets/toolbox', async () => {
    const asset = await readFile(new URL('../../../assets/toolbox/Dockerfile', import.meta.url), 'utf8');
    const instructions = asset
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .join('\n');
    expect(`${instructions}\n`).toBe(RECIPE_DOCKERFILE);
  });
});
