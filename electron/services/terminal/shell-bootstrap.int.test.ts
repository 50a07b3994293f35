import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, TEST_LABELS } from '../../../e2e/env/test-env';
import { DockerodeFiles } from '../containers/dockerode-files';
import { TtyTranscript } from '../testing/tty-transcript';
import type { SessionPlan, SessionRequest } from './session-plan';
import { bootstrapShell, probeShell, SHELL_CANDIDATES, type ProbeRequest } from './shell-probe';

const env = testEnv();
const docker = new Docker({ socketPath: env.dockerSocketPath });
const files = new DockerodeFiles(docker, { endpoint: env.dockerHost, socketPath: env.dockerSocketPath });
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const created: string[] = [];
const sessions: Duplex[] = [];

type Request = ProbeRequest & SessionRequest;

async function start(
  key: string,
  image: string,
  cmd: string[] | undefined,
  host: Docker.HostConfig = {},
): Promise<{ id: string; name: string }> {
  const name = `bosun-int-shell-${key}-${suffix}`;
  const container = await docker.createContainer({
    name,
    Image: image,
    ...(cmd ? { Cmd: cmd } : {}),
    Labels: { ...TEST_LABELS },
    HostConfig: { NetworkMode: 'none', ...host },
  });
  created.push(container.id);
  await container.start();
  return { id: container.id, name };
}

function request(name: string, over: Partial<Request> = {}): Request {
  return { user: '', containerName: name, containerEnv: [], disabledFixes: [], ...over };
}

async function plan(id: string, req: Request): Promise<SessionPlan> {
  const result = await bootstrapShell(files, id, req);
  if (!result.ok) throw new Error(`no shell in ${id}: ${result.checked.join(', ')}`);
  return result.plan;
}

async function open(id: string, p: SessionPlan, user?: string): Promise<TtyTranscript> {
  const exec = await docker.getContainer(id).exec({
    Cmd: p.cmd,
    Env: p.env,
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    ...(user ? { User: user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  sessions.push(stream);
  await exec.resize({ h: 24, w: 100 });
  const tty = new TtyTranscript((bytes) => stream.write(bytes));
  stream.on('data', (chunk: Buffer) => tty.push(chunk));
  return tty;
}

/** Canonical-mode Backspace: `read` gets its line from the kernel, so iutf8 and erase ^? decide. */
async function backspaceOverCjk(tty: TtyTranscript): Promise<string> {
  tty.type(`echo "ready$((2+2))"; read -r v; printf '[%s]\\n' "$v"; echo "<<$((5+5))>>"\r`);
  await tty.waitFor('ready4');
  await new Promise((resolve) => setTimeout(resolve, 150));
  tty.type('中文\x7f\r');
  await tty.waitFor('<<10>>');
  return tty.text();
}

let debian: { id: string; name: string };
let stranger: { id: string; name: string };
let busybox: { id: string; name: string };
let readOnly: { id: string; name: string };
let noshell: { id: string; name: string };

beforeAll(async () => {
  [debian, stranger, busybox, readOnly, noshell] = await Promise.all([
    start('deb', env.images.debianNginx, ['sleep', 'infinity']),
    // Without Debian's /etc/bash.bashrc nothing sets a prompt, so Bosun's rc file is used.
    start('deb-4242', env.images.debianNginx, ['sh', '-c', 'rm -f /etc/bash.bashrc && exec sleep infinity']),
    start('bb.x_1', env.images.busybox, ['sleep', '3600']),
    start('bb-ro', env.images.busybox, ['sleep', '3600'], { ReadonlyRootfs: true }),
    start('noshell', env.images.noshell, undefined),
  ]);
  const until = Date.now() + 10_000;
  while ((await files.statPath(stranger.id, '/etc/bash.bashrc')) && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 50));
});

afterAll(async () => {
  for (const stream of sessions) stream.destroy();
  await Promise.all(
    created.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
});

describe('DockerodeFiles against the engine', () => {
  it('stats without following a link, and tells a directory', async () => {
    expect(await files.statPath(debian.id, '/bin/sh')).toMatchObject({
      isSymlink: true,
      linkTarget: '/usr/bin/dash',
    });
    expect(await files.statPath(debian.id, '/usr/lib/locale/C.utf8')).toMatchObject({ isDirectory: true });
    expect(await files.statPath(debian.id, '/no/such/path')).toBeUndefined();
    expect(await files.statPath(debian.id, '/etc/passwd/x')).toBeUndefined();
  });

  it('reads a file, follows a link once, and bounds what it reads', async () => {
    const passwd = await files.readFile(debian.id, '/etc/passwd', 64 * 1024);
    expect(new TextDecoder().decode(passwd)).toMatch(/^root:x:0:0:root:\/root:\/bin\/bash$/m);
    const osRelease = await files.readFile(debian.id, '/etc/os-release', 64 * 1024);
    expect(new TextDecoder().decode(osRelease)).toContain('bookworm');
    await expect(files.readFile(debian.id, '/etc/passwd', 10)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(files.readFile(debian.id, '/etc', 1024)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await files.readFile(debian.id, '/no/such/file', 1024)).toBeUndefined();
  });

  it('says a container is gone, a directory is missing, a root filesystem is read-only', async () => {
    const gone = 'f'.repeat(64);
    await expect(files.statPath(gone, '/')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { what: 'container' },
    });
    await expect(files.readFile(gone, '/etc/passwd', 1024)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const file = { name: 'x', content: new Uint8Array([1]), mode: 0o644 };
    await expect(files.putFiles(busybox.id, '/no-dir', [file])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { what: 'path' },
    });
    await expect(files.putFiles(readOnly.id, '/tmp', [file])).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });
});

describe('a shell session planned from the image alone', () => {
  it('Debian as root: bash, xterm-256color, C.UTF-8, CJK file names, iutf8, TZ', async () => {
    const p = await plan(debian.id, request(debian.name, { timezone: 'Asia/Shanghai' }));
    expect(p.shell).toBe('/bin/bash');
    expect(p.rcFile).toBeUndefined();
    const tty = await open(debian.id, p);
    await tty.waitFor('root@');
    expect(await tty.run(`printf '[%s|%s|%s]' "$TERM" "$LANG" "$TZ"`)).toContain(
      '[xterm-256color|C.UTF-8|Asia/Shanghai]',
    );
    expect(await tty.run('date +%z')).toContain('+0800');
    expect(await tty.run('locale')).toMatch(/^LC_CTYPE="?C\.UTF-8"?\s*$/m);
    expect(await tty.run('touch /tmp/中文.txt && ls /tmp')).toMatch(/^中文\.txt\s*$/m);
    const stty = await tty.run('stty -a');
    expect(stty).toMatch(/(^|[^-])iutf8/);
    expect(stty).toContain('erase = ^?');
    expect(await tty.run('stty size')).toContain('24 100');
    expect(await backspaceOverCjk(tty)).toContain('[中]');
  });

  it('Debian as a uid without a passwd entry: HOME=/tmp and Bosun’s prompt with the container name', async () => {
    const p = await plan(stranger.id, request(stranger.name, { user: '4242' }));
    expect(p.cmd.join(' ')).toContain('--rcfile /var/tmp/.bosun-rc-');
    expect(p.env).toContain('HOME=/tmp');
    const tty = await open(stranger.id, p, '4242');
    await tty.waitFor(`@${stranger.name}:/$ `);
    expect(await tty.run(`printf '[%s|%s]' "$HOME" "$(id -u)"`)).toContain('[/tmp|4242]');
    expect(await tty.run('cd ~ && pwd')).toMatch(/^\/tmp\s*$/m);
    expect(await tty.run('alias ls')).toContain('--color=auto');
  });

  it('busybox: ash with its rc file through ENV, TERM=xterm, a POSIX TZ, iutf8', async () => {
    const p = await plan(busybox.id, request(busybox.name, { timezone: 'Asia/Kolkata' }));
    expect(p.shell).toBe('/bin/ash');
    expect(p.env).toEqual(expect.arrayContaining(['TERM=xterm', 'LANG=C.UTF-8', 'TZ=IST-5:30']));
    const tty = await open(busybox.id, p);
    await tty.waitFor(`root@${busybox.name}:/# `);
    expect(await tty.run(`printf '[%s|%s|%s]' "$TERM" "$LANG" "$TZ"`)).toContain('[xterm|C.UTF-8|IST-5:30]');
    expect(await tty.run('date +%z')).toContain('+0530');
    tty.type('cd /tmp\r');
    await tty.waitFor(`root@${busybox.name}:/tmp# `);
    // busybox's own ls prints only characters up to U+02FF; the shell hands the bytes through intact.
    expect(await tty.run(`touch /tmp/中文.txt && printf '%s\\n' /tmp/*.txt`)).toMatch(
      /^\/tmp\/中文\.txt\s*$/m,
    );
    const stty = await tty.run('stty -a');
    expect(stty).toMatch(/(^|[^-])iutf8/);
    expect(stty).toContain('erase = ^?');
    expect(await backspaceOverCjk(tty)).toContain('[中]');
  });

  it('busybox with a read-only root filesystem: no rc file, the prompt comes through the env', async () => {
    const p = await plan(readOnly.id, request(readOnly.name));
    expect(p.rcFile).toBeUndefined();
    expect(p.fixes.find((f) => f.id === 'prompt')).toMatchObject({ applied: true });
    const tty = await open(readOnly.id, p);
    await tty.waitFor(`root@${readOnly.name}:/# `);
    expect(await tty.run('stty -a')).toMatch(/(^|[^-])iutf8/);
  });

  it('an image without a shell: no-shell, with every path looked at', async () => {
    const result = await bootstrapShell(files, noshell.id, request(noshell.name));
    expect(result).toEqual({
      ok: false,
      reason: 'no-shell',
      checked: [...SHELL_CANDIDATES],
    });
    const facts = await probeShell(files, noshell.id, request(noshell.name));
    expect(facts).toMatchObject({
      libc: 'unknown',
      rcDir: undefined,
      home: '/',
      user: { uid: 0, entry: undefined },
    });
  });
});
