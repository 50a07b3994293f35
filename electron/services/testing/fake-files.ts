import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { extract as tarExtract, pack as tarPack, type Header } from 'tar-stream';
import { AppError } from '../../shared/errors';
import type {
  ArchiveRead,
  ContainerChange,
  ContainerFiles,
  FileToPut,
  PathStat,
} from '../containers/container-files';

export type FakeNode =
  | { readonly kind: 'file'; readonly content: Uint8Array; readonly mode: number }
  | { readonly kind: 'dir' }
  | { readonly kind: 'link'; readonly target: string };

/** Go's os.FileMode type bits, as the engine reports them. */
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
/** Every fake node's modification time. */
export const FAKE_MTIME = Date.UTC(2024, 0, 2, 3, 4, 5);

/**
 * One container's filesystem as a map of absolute path → node, behaving like the archive API: statPath
 * does not follow a link but reports its fully resolved target; readFile follows links. Intermediate
 * directories need not exist and links are only followed at the end of a path (enough for probes).
 */
export class FakeFiles implements ContainerFiles {
  readonly nodes = new Map<string, FakeNode>();
  readonly puts: { id: string; dir: string; files: readonly FileToPut[] }[] = [];
  /** Every path asked about, in order. */
  readonly asked: string[] = [];
  /** Thrown by putFiles (a read-only filesystem…). */
  putError: AppError | undefined;
  /** When set, every call fails as for a container that is gone. */
  gone = false;
  /** What changes() answers. */
  changeList: ContainerChange[] = [];
  /** Tars put with putArchive, as unpacked: dir and the entries' names. */
  readonly archives: { id: string; dir: string; names: string[] }[] = [];

  constructor(readonly id = 'c0ffee') {}

  file(path: string, content: string | Uint8Array, mode = 0o644): this {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.nodes.set(path, { kind: 'file', content: bytes, mode });
    return this;
  }

  exe(...paths: string[]): this {
    for (const path of paths) this.file(path, '\x7fELF', 0o755);
    return this;
  }

  dir(...paths: string[]): this {
    for (const path of paths) this.nodes.set(path, { kind: 'dir' });
    return this;
  }

  link(path: string, target: string): this {
    this.nodes.set(path, { kind: 'link', target });
    return this;
  }

  async statPath(id: string, path: string): Promise<PathStat | undefined> {
    this.check(id, path);
    const node = this.nodes.get(path);
    if (!node) return undefined;
    const name = posix.basename(path);
    if (node.kind === 'dir')
      return {
        name,
        size: 4096,
        mode: MODE_DIR + 0o755,
        mtime: FAKE_MTIME,
        linkTarget: '',
        isDirectory: true,
        isSymlink: false,
      };
    if (node.kind === 'file') {
      const size = node.content.byteLength;
      return {
        name,
        size,
        mode: node.mode,
        mtime: FAKE_MTIME,
        linkTarget: '',
        isDirectory: false,
        isSymlink: false,
      };
    }
    const linkTarget = this.resolve(path);
    return {
      name,
      size: node.target.length,
      mode: MODE_SYMLINK + 0o777,
      mtime: FAKE_MTIME,
      linkTarget,
      isDirectory: false,
      isSymlink: true,
    };
  }

  async readFile(id: string, path: string, maxBytes: number): Promise<Uint8Array | undefined> {
    this.check(id, path);
    const node = this.nodes.get(this.resolve(path));
    if (!node) return undefined;
    if (node.kind !== 'file') throw new AppError('INVALID_ARGUMENT', `${path} is not a regular file.`);
    if (node.content.byteLength > maxBytes) throw new AppError('INVALID_ARGUMENT', `${path} is too large.`);
    return node.content;
  }

  async putFiles(id: string, dir: string, files: readonly FileToPut[]): Promise<void> {
    this.check(id, dir);
    if (this.putError) throw this.putError;
    if (this.nodes.get(dir)?.kind !== 'dir') throw new AppError('NOT_FOUND', `${dir} does not exist.`);
    this.puts.push({ id, dir, files });
    for (const file of files) this.file(posix.join(dir, file.name), file.content, file.mode);
  }

  /**
   * Like the engine: "DIR/." is the folder's contents under "./" (links followed), any other path is
   * that path under its own name (a link as a link, a folder with everything below it).
   */
  async openArchive(id: string, path: string): Promise<ArchiveRead | undefined> {
    this.check(id, path);
    const contents = path === '/.' || path.endsWith('/.');
    const asked = contents ? this.resolve(posix.dirname(path + 'x')) : path;
    const base = asked === '/' ? '/' : asked.replace(/\/+$/, '');
    const stat = await this.statPath(id, contents ? this.resolve(base) : base);
    if (!stat) return undefined;
    const root = contents ? '.' : posix.basename(base);
    const pack = tarPack();
    const add = (name: string, node: FakeNode): void => {
      const common = { name, uid: 0, gid: 0, mtime: new Date(FAKE_MTIME), uname: 'root', gname: 'root' };
      if (node.kind === 'file')
        pack.entry({ ...common, type: 'file', mode: node.mode }, Buffer.from(node.content));
      else if (node.kind === 'dir') pack.entry({ ...common, type: 'directory', mode: 0o755 });
      else pack.entry({ ...common, type: 'symlink', mode: 0o777, linkname: node.target });
    };
    const top = this.nodes.get(contents ? this.resolve(base) : base) ?? { kind: 'dir' as const };
    add(top.kind === 'dir' ? `${root}/` : root, top);
    if (top.kind === 'dir') {
      const dir = contents ? this.resolve(base) : base;
      const prefix = dir === '/' ? '/' : `${dir}/`;
      for (const [nodePath, node] of [...this.nodes].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (nodePath.startsWith(prefix) && nodePath !== dir)
          add(`${root}/${nodePath.slice(prefix.length)}`, node);
      }
    }
    pack.finalize();
    // tar-stream's streams are async iterable; its type declarations do not say so.
    return { stat, tar: Readable.from(socketChunks(pack as unknown as AsyncIterable<Buffer>)) };
  }

  async putArchive(id: string, dir: string, tar: Readable): Promise<void> {
    this.check(id, dir);
    if (this.putError) {
      tar.destroy();
      throw this.putError;
    }
    if (this.nodes.get(this.resolve(dir))?.kind !== 'dir') {
      tar.destroy();
      throw new AppError('NOT_FOUND', `${dir} does not exist.`, { what: 'path' });
    }
    const target = this.resolve(dir);
    const extract = tarExtract();
    tar.pipe(extract);
    const names: string[] = [];
    for await (const entry of extract) {
      const header: Header = entry.header;
      const path = posix.join(target, header.name);
      if (this.nodes.get(path)?.kind === 'dir' && header.type !== 'directory') {
        entry.resume();
        throw new AppError('CONFLICT', `cannot overwrite directory "${path}" with non-directory`);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      names.push(header.name);
      this.file(path, new Uint8Array(Buffer.concat(chunks)), header.mode ?? 0o644);
    }
    this.archives.push({ id, dir, names });
  }

  async changes(id: string): Promise<ContainerChange[]> {
    this.check(id, '/');
    return [...this.changeList];
  }

  /** Where a chain of links ends, like the engine's linkTarget (the path itself when it is no link). */
  private resolve(path: string, depth = 0): string {
    const node = this.nodes.get(path);
    if (node?.kind !== 'link' || depth > 8) return path;
    return this.resolve(posix.resolve(posix.dirname(path), node.target), depth + 1);
  }

  private check(id: string, path: string): void {
    this.asked.push(path);
    if (this.gone || id !== this.id) throw new AppError('NOT_FOUND', `The container ${id} is gone.`);
  }
}

/** A stream's bytes in pieces of at most 64 KiB, as they come off a socket. */
async function* socketChunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += 65_536) yield chunk.subarray(at, at + 65_536);
  }
}

const ROOT_BASH =
  'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const DEBIAN_BASHRC = '[ -z "$PS1" ] && return\nPS1=\'${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ \'\n';

/** Like local/debian-nginx:1: bash, /bin/sh → dash, glibc with C.utf8, terminfo, tzdata, Debian's rc files. */
export function debianFiles(options: { bashrc?: boolean } = {}): FakeFiles {
  const files = new FakeFiles()
    .file('/etc/passwd', ROOT_BASH)
    .exe('/bin/bash', '/usr/bin/bash', '/usr/bin/dash', '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')
    .link('/bin/sh', 'dash')
    .link('/bin/dash', '/usr/bin/dash')
    .link('/lib64/ld-linux-x86-64.so.2', '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')
    .file('/lib/terminfo/x/xterm-256color', 'terminfo')
    .dir('/usr/lib/locale/C.utf8', '/root', '/tmp', '/var/tmp')
    .file('/usr/share/zoneinfo/Asia/Shanghai', 'TZif')
    .file(
      '/root/.bashrc',
      "# PS1='${debian_chroot:+($debian_chroot)}\\h:\\w\\$ '\nexport LS_OPTIONS='--color=auto'\n",
    );
  if (options.bashrc !== false) files.file('/etc/bash.bashrc', DEBIAN_BASHRC);
  return files;
}

/** Like local/busybox:1: one static busybox with applet links, root's shell /bin/sh, nothing else. */
export function busyboxFiles(): FakeFiles {
  return new FakeFiles()
    .file(
      '/etc/passwd',
      'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
    )
    .exe('/bin/busybox')
    .link('/bin/sh', 'busybox')
    .link('/bin/ash', 'busybox')
    .dir('/root', '/tmp', '/var/tmp');
}
