import { describe, expect, it } from 'vitest';
import { parseSnapshot } from './pod-probe';
import { podCommand } from './pod-shell';
import { planSession, type ShellFacts } from './session-plan';

const facts: ShellFacts = {
  checked: ['/bin/bash', '/bin/sh'],
  shell: { path: '/bin/sh', kind: 'ash' },
  busybox: true,
  user: { name: 'root', uid: 0, entry: { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/sh' } },
  home: '/root',
  homeExists: true,
  terminfo256: false,
  libc: 'musl',
  locales: { cUtf8: false, enUsUtf8: false, archive: false },
  zoneinfo: false,
  rcFiles: {},
  rcDir: '/var/tmp',
};

describe('podCommand', () => {
  it('wraps the planned shell in env, since the exec API takes no environment', () => {
    const result = planSession(
      facts,
      {
        containerName: 'web-0',
        containerEnv: ['HOME=/root', 'PATH=/bin'],
        disabledFixes: [],
        timezone: 'UTC0',
      },
      { now: new Date(0) },
    );
    if (!result.ok) throw new Error('no plan');
    const command = podCommand(result.plan);
    expect(command.slice(0, 1 + result.plan.env.length)).toEqual(['env', ...result.plan.env]);
    expect(command).toEqual(expect.arrayContaining(['TERM=xterm', 'LANG=C.UTF-8', 'TZ=UTC0']));
    expect(command.slice(1 + result.plan.env.length)).toEqual(result.plan.cmd);
    expect(result.plan.cmd.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  });

  it('starts the plain shell, without env, when every fix is off', () => {
    const result = planSession(
      facts,
      {
        containerName: 'web-0',
        containerEnv: ['HOME=/root', 'PATH=/bin', 'USER=root', 'SHELL=/bin/sh'],
        disabledFixes: ['term', 'locale', 'timezone', 'home', 'prompt', 'keyboard'],
      },
      { now: new Date(0) },
    );
    if (!result.ok) throw new Error('no plan');
    expect(podCommand(result.plan)).toEqual(['/bin/sh']);
  });
});

const nul = (...fields: string[]): Buffer => Buffer.from(fields.map((f) => `${f}\0`).join(''), 'utf8');

describe('parseSnapshot', () => {
  it('reads env, uid, stats (links with their target) and files by length, bytes intact', () => {
    const rc = Buffer.from('PS1=中\0x\n', 'utf8');
    const bytes = Buffer.concat([
      nul('BOSUN-PROBE-1', 'E', 'HOME=/root', 'U', '0'),
      nul('S', '/bin/sh', 'L', '/bin/busybox', 'S', '/bin/busybox', 'X', '', 'S', '/tmp', 'D', ''),
      nul('R', '/root/.bashrc', String(rc.length)),
      rc,
      nul('B', '/etc/bashrc', 'END'),
    ]);
    const snapshot = parseSnapshot(bytes);
    expect(snapshot?.env).toEqual(['HOME=/root']);
    expect(snapshot?.uid).toBe('0');
    expect(snapshot?.stats.get('/bin/sh')).toMatchObject({ isSymlink: true, linkTarget: '/bin/busybox' });
    expect(snapshot?.stats.get('/bin/busybox')).toMatchObject({ isDirectory: false, mode: 0o755 });
    expect(snapshot?.stats.get('/tmp')).toMatchObject({ isDirectory: true });
    expect(Buffer.from(snapshot?.files.get('/root/.bashrc') as Uint8Array).equals(rc)).toBe(true);
    expect(snapshot?.files.get('/etc/bashrc')).toBe('big');
  });

  it('refuses output that is not a whole probe (another program ran, or it was cut short)', () => {
    expect(parseSnapshot(Buffer.from('exec failed: no such file\n'))).toBeUndefined();
    expect(parseSnapshot(nul('BOSUN-PROBE-1', 'E', 'HOME=/'))).toBeUndefined();
    expect(
      parseSnapshot(Buffer.concat([nul('BOSUN-PROBE-1', 'R', '/x', '99'), Buffer.from('ab')])),
    ).toBeUndefined();
  });
});
