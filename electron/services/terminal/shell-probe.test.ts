import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { PathStat } from '../containers/container-files';
import { busyboxFiles, debianFiles, FakeFiles } from '../testing/fake-files';
import { bootstrapShell, probeShell, shellKind, type ProbeRequest } from './shell-probe';

const ROOT: ProbeRequest = { user: '', containerEnv: [] };

describe('probeShell', () => {
  it('describes a Debian image', async () => {
    const files = debianFiles();
    const facts = await probeShell(files, files.id, { ...ROOT, timezone: 'Asia/Shanghai' });
    expect(facts).toMatchObject({
      shell: { path: '/bin/bash', kind: 'bash' },
      busybox: false,
      user: { name: 'root', uid: 0 },
      home: '/root',
      homeExists: true,
      terminfo256: true,
      libc: 'glibc',
      locales: { cUtf8: true, enUsUtf8: false, archive: false },
      zoneinfo: true,
      rcFiles: { '/etc/bash.bashrc': true, '/root/.bashrc': false },
      rcDir: '/var/tmp',
    });
    expect(facts.checked[0]).toBe('/bin/bash');
  });

  it('describes busybox: /bin/sh links to busybox, no libc or terminfo found', async () => {
    const files = busyboxFiles();
    const facts = await probeShell(files, files.id, { ...ROOT, timezone: 'Asia/Shanghai' });
    expect(facts).toMatchObject({
      shell: { path: '/bin/ash', kind: 'ash' },
      busybox: true,
      terminfo256: false,
      libc: 'unknown',
      zoneinfo: false,
      rcFiles: {},
    });
  });

  it('tells musl by its loader', async () => {
    const files = busyboxFiles().exe('/lib/ld-musl-aarch64.so.1');
    expect((await probeShell(files, files.id, ROOT)).libc).toBe('musl');
  });

  it("prefers the user's login shell, but not a nologin and not plain /bin/sh", async () => {
    const zsh = debianFiles().exe('/bin/zsh');
    zsh.file('/etc/passwd', 'root:x:0:0::/root:/bin/zsh\n');
    const facts = await probeShell(zsh, zsh.id, ROOT);
    expect(facts.shell).toEqual({ path: '/bin/zsh', kind: 'zsh' });
    expect(facts.checked.slice(0, 3)).toEqual(['/bin/zsh', '/bin/bash', '/usr/bin/bash']);

    const fish = debianFiles().exe('/usr/bin/fish');
    fish.file('/etc/passwd', 'app:x:1000:1000::/home/app:/usr/bin/fish\n');
    expect((await probeShell(fish, fish.id, { ...ROOT, user: 'app' })).shell?.path).toBe('/usr/bin/fish');

    const nologin = debianFiles();
    expect((await probeShell(nologin, nologin.id, { ...ROOT, user: 'nobody' })).shell?.path).toBe(
      '/bin/bash',
    );

    const alpineWithBash = busyboxFiles().exe('/bin/bash');
    expect((await probeShell(alpineWithBash, alpineWithBash.id, ROOT)).shell?.path).toBe('/bin/bash');
  });

  it('skips a dangling link, a file that is not executable and a directory', async () => {
    const files = busyboxFiles()
      .link('/bin/bash', '/opt/gone/bash')
      .file('/usr/bin/bash', 'x', 0o644)
      .dir('/bin/zsh');
    expect((await probeShell(files, files.id, ROOT)).shell?.path).toBe('/bin/ash');
  });

  it('finds no shell in an image without one', async () => {
    const files = new FakeFiles().exe('/httpd');
    const facts = await probeShell(files, files.id, ROOT);
    expect(facts.shell).toBeUndefined();
    expect(facts.checked).toContain('/busybox/sh');
  });

  it('follows the ~/.bashrc of RHEL into /etc/bashrc, and ignores a commented PS1', async () => {
    const files = debianFiles({ bashrc: false })
      .file('/etc/bashrc', '  PS1="[\\u@\\h \\W]\\\\$ "\n')
      .file('/root/.bashrc', '# PS1=old\nif [ -f /etc/bashrc ]; then . /etc/bashrc; fi\n');
    const facts = await probeShell(files, files.id, ROOT);
    expect(facts.rcFiles).toEqual({ '/etc/bashrc': true, '/root/.bashrc': true });
  });

  it('counts an rc file it cannot read as one that sets a prompt', async () => {
    const files = debianFiles({ bashrc: false }).dir('/etc/bash.bashrc');
    expect((await probeShell(files, files.id, ROOT)).rcFiles['/etc/bash.bashrc']).toBe(true);
  });

  it("takes HOME from the container's env, and looks at the home a fix would use", async () => {
    const files = debianFiles()
      .dir('/srv')
      .file('/srv/.bashrc', 'export PS1=x\n')
      .file('/tmp/.bashrc', 'PS1=y\n');
    const facts = await probeShell(files, files.id, { user: '', containerEnv: ['HOME=/srv'] });
    expect(facts).toMatchObject({ home: '/srv', homeExists: true });
    expect(facts.rcFiles['/srv/.bashrc']).toBe(true);
    const stranger = await probeShell(files, files.id, { user: '4242', containerEnv: [] });
    expect(stranger).toMatchObject({ home: '/', user: { uid: 4242, entry: undefined } });
    expect(stranger.rcFiles['/tmp/.bashrc']).toBe(true);
  });

  it('fails when the container is gone', async () => {
    const files = debianFiles();
    files.gone = true;
    await expect(probeShell(files, files.id, ROOT)).rejects.toBeInstanceOf(AppError);
  });

  it('keeps at most 8 calls in flight', async () => {
    const files = debianFiles();
    let active = 0;
    let most = 0;
    const stat = files.statPath.bind(files);
    files.statPath = async (id: string, path: string): Promise<PathStat | undefined> => {
      active += 1;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 1));
      active -= 1;
      return stat(id, path);
    };
    await probeShell(files, files.id, ROOT);
    expect(most).toBe(8);
  });
});

describe('shellKind', () => {
  it.each([
    ['/bin/bash', '/usr/bin/bash', 'bash'],
    ['/bin/sh', '/usr/bin/dash', 'sh'],
    ['/bin/sh', '/usr/bin/bash', 'sh'],
    ['/bin/sh', '/bin/busybox', 'ash'],
    ['/bin/ash', '/bin/busybox', 'ash'],
    ['/usr/bin/zsh', '/usr/bin/zsh', 'zsh'],
    ['/busybox/sh', '/busybox/sh', 'sh'],
  ] as const)('%s → %s is %s', (path, target, kind) => {
    expect(shellKind(path, target)).toBe(kind);
  });
});

describe('bootstrapShell', () => {
  const request = { user: '', containerEnv: [], containerName: 'web', disabledFixes: [] };

  it('puts the rc file the plan runs', async () => {
    const files = busyboxFiles();
    const result = await bootstrapShell(files, files.id, request);
    if (!result.ok) throw new Error('no shell');
    const rc = result.plan.rcFile;
    expect(files.puts).toEqual([
      { id: files.id, dir: '/var/tmp', files: [{ name: rc?.name, content: rc?.content, mode: 0o644 }] },
    ]);
    expect(result.plan.env).toContain(`ENV=/var/tmp/${rc?.name}`);
  });

  it('plans again without the rc file on a read-only filesystem', async () => {
    const files = busyboxFiles();
    files.putError = new AppError('PERMISSION_DENIED', 'read-only', { what: 'path' });
    const result = await bootstrapShell(files, files.id, request);
    if (!result.ok) throw new Error('no shell');
    expect(result.plan.rcFile).toBeUndefined();
    expect(result.plan.cmd.join(' ')).not.toContain('ENV');
    expect(result.plan.env).toContain('BOSUN_CONTAINER=web');
    expect(result.plan.fixes.find((f) => f.id === 'prompt')?.label).toContain('read-only filesystem');
  });

  it('still fails when the container went away or the engine was lost', async () => {
    const files = busyboxFiles();
    files.putError = new AppError('NOT_FOUND', 'gone', { what: 'container' });
    await expect(bootstrapShell(files, files.id, request)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    files.putError = new AppError('UNAVAILABLE', 'the engine closed the connection');
    await expect(bootstrapShell(files, files.id, request)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
