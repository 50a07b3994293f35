// The toolbox recipe of assets/toolbox (build-rootfs.sh + Dockerfile) done in Node: the build
// context for the legacy builder, made in memory with tar-stream so Bosun needs no bash, tar or
// docker CLI on the desktop.
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';

/** The label every toolbox image carries (assets/toolbox/Dockerfile). */
export const TOOLBOX_LABEL = 'io.bosun.toolbox';
/** Bump when the recipe changes: Bosun then builds (or pulls) bosun/toolbox:<new version>. */
export const RECIPE_VERSION = '1';
export const TOOLBOX_TAG = `bosun/toolbox:${RECIPE_VERSION}`;
/** A busybox that build-rootfs.sh would accept lists more applets than this. */
const MIN_APPLETS = 100;
/** Fixed timestamps: the same busybox gives the same layer, so rebuilding changes nothing. */
const MTIME = new Date('2024-01-01T00:00:00Z');

export interface TarEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly mode: number;
  readonly content?: Buffer | string;
  readonly linkname?: string;
}

/** The recipe's Dockerfile (assets/toolbox/Dockerfile without its comments). */
export const RECIPE_DOCKERFILE = `FROM scratch
ADD rootfs.tar /
LABEL ${TOOLBOX_LABEL}="1"
CMD ["sh"]
`;

/** A toolbox on top of a pulled busybox image: that image already has the applets and /etc. */
export function fromImageDockerfile(base: string): string {
  return `FROM ${base}\nLABEL ${TOOLBOX_LABEL}="1"\n`;
}

/**
 * The applet names of `busybox --list`, without busybox itself (a link named busybox would replace
 * the binary) and without anything that is not a plain file name. Throws when there are too few:
 * that is not a full busybox.
 */
export function appletsOf(listOutput: string): string[] {
  const applets = listOutput
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name && name !== 'busybox' && name !== '.' && name !== '..' && !name.includes('/'));
  const unique = [...new Set(applets)];
  if (unique.length <= MIN_APPLETS)
    throw new Error(`it lists only ${unique.length} applets: that is not a full busybox`);
  return unique;
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
`;
const GROUP = `root:x:0:
nogroup:x:65534:
`;

/** The root filesystem of build-rootfs.sh: one static busybox, a link per applet, a small /etc. */
export function rootfsEntries(busybox: Buffer, applets: readonly string[]): TarEntry[] {
  const dir = (name: string, mode = 0o755): TarEntry => ({ name, type: 'directory', mode });
  const file = (name: string, content: Buffer | string, mode = 0o644): TarEntry => ({
    name,
    type: 'file',
    mode,
    content,
  });
  const link = (name: string, linkname: string): TarEntry => ({
    name,
    type: 'symlink',
    mode: 0o777,
    linkname,
  });
  return [
    ...['bin', 'etc', 'usr', 'usr/bin', 'var', 'proc', 'sys', 'dev'].map((name) => dir(name)),
    dir('root', 0o700),
    dir('tmp', 0o1777),
    dir('var/tmp', 0o1777),
    file('bin/busybox', busybox, 0o755),
    ...applets.map((applet) => link(`bin/${applet}`, 'busybox')),
    link('usr/bin/env', '/bin/busybox'), // for `#!/usr/bin/env sh` scripts
    file('etc/passwd', PASSWD),
    file('etc/group', GROUP),
    file('etc/nsswitch.conf', 'hosts: files dns\n'),
  ];
}

/** Packs entries into a tar (owned by root, fixed times) held in memory. */
export async function packTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  for (const entry of entries) {
    const header = {
      name: entry.name,
      type: entry.type,
      mode: entry.mode,
      uid: 0,
      gid: 0,
      uname: 'root',
      gname: 'root',
      mtime: MTIME,
      ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }),
    };
    if (entry.type === 'file') tar.entry(header, entry.content ?? '');
    else tar.entry(header);
  }
  tar.finalize();
  return done;
}

/** The build context of the recipe: its Dockerfile and rootfs.tar. */
export async function recipeContext(busybox: Buffer, applets: readonly string[]): Promise<Readable> {
  const rootfs = await packTar(rootfsEntries(busybox, applets));
  const context = await packTar([
    { name: 'Dockerfile', type: 'file', mode: 0o644, content: RECIPE_DOCKERFILE },
    { name: 'rootfs.tar', type: 'file', mode: 0o644, content: rootfs },
  ]);
  return Readable.from([context]);
}

/** The build context of a toolbox on top of a pulled image: only a Dockerfile. */
export async function fromImageContext(base: string): Promise<Readable> {
  const context = await packTar([
    { name: 'Dockerfile', type: 'file', mode: 0o644, content: fromImageDockerfile(base) },
  ]);
  return Readable.from([context]);
}
