import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TerminalFixId } from '../../shared/contract/terminal';
import { busyboxFiles, debianFiles, FakeFiles } from '../testing/fake-files';
import { planSession, type PlanOptions, type SessionPlan, type SessionRequest } from './session-plan';
import { probeShell } from './shell-probe';

const NOW = new Date('2026-01-15T12:00:00Z');
const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const STTY = `stty sane iutf8 erase '^?' 2>/dev/null || stty sane erase '^?' 2>/dev/null`;
const ALL_FIXES: TerminalFixId[] = ['term', 'locale', 'timezone', 'home', 'prompt', 'keyboard'];

type Request = SessionRequest & { readonly user: string };

async function plan(files: FakeFiles, over: Partial<Request> = {}, options: Partial<PlanOptions> = {}) {
  const request: Request = {
    user: '',
    containerName: 'web-1',
    containerEnv: [PATH],
    disabledFixes: [],
    ...over,
  };
  const facts = await probeShell(files, files.id, request);
  return planSession(facts, request, { now: NOW, ...options });
}

async function planOk(files: FakeFiles, over: Partial<Request> = {}, options: Partial<PlanOptions> = {}) {
  const result = await plan(files, over, options);
  if (!result.ok) throw new Error(`no shell among ${result.checked.join(', ')}`);
  return result.plan;
}

const fix = (p: SessionPlan, id: TerminalFixId) => p.fixes.find((f) => f.id === id);
const rcText = (p: SessionPlan) => new TextDecoder().decode(p.rcFile?.content);

describe('planSession on a Debian image (glibc, bash, C.utf8)', () => {
  it('keeps the image prompt from /etc/bash.bashrc and fixes TERM, locale, USER and SHELL', async () => {
    const p = await planOk(debianFiles());
    expect(p.shell).toBe('/bin/bash');
    expect(p.env).toEqual([
      'TERM=xterm-256color',
      'LANG=C.UTF-8',
      'LC_CTYPE=C.UTF-8',
      'USER=root',
      'SHELL=/bin/bash',
    ]);
    expect(p.cmd).toEqual(['/bin/bash', '-c', `${STTY}; exec /bin/bash`]);
    expect(p.rcFile).toBeUndefined();
    expect(p.fixes.map((f) => f.id)).toEqual(ALL_FIXES);
    expect(fix(p, 'prompt')).toEqual({
      id: 'prompt',
      applied: false,
      label: 'Prompt from the image (/etc/bash.bashrc)',
    });
    expect(fix(p, 'locale')?.label).toBe('UTF-8 locale set (C.UTF-8)');
    expect(fix(p, 'keyboard')).toMatchObject({ applied: true });
    expect(fix(p, 'timezone')).toMatchObject({ applied: false });
  });

  it('adds a prompt through --rcfile when no rc file sets one, still running ~/.bashrc first', async () => {
    const p = await planOk(debianFiles({ bashrc: false }));
    const rc = p.rcFile;
    expect(rc).toMatchObject({ dir: '/var/tmp', mode: 0o644 });
    expect(rc?.name).toMatch(/^\.bosun-rc-[0-9a-f]{12}$/);
    const path = `/var/tmp/${rc?.name}`;
    expect(p.cmd).toEqual(['/bin/bash', '-c', `${STTY}; exec /bin/bash --rcfile ${path} -i`]);
    expect(rcText(p).split('\n')).toEqual([
      '# Bosun: the prompt of one terminal session (safe to delete).',
      '. /root/.bashrc',
      'BOSUN_CONTAINER=web-1',
      "PS1='\\u@${BOSUN_CONTAINER}:\\w\\$ '",
      "ls --color=auto -d / >/dev/null 2>&1 && alias ls='ls --color=auto'",
      '',
    ]);
    expect(fix(p, 'prompt')).toEqual({ id: 'prompt', applied: true, label: 'Prompt added' });
    expect(p.env.some((e) => e.startsWith('ENV=') || e.startsWith('PS1='))).toBe(false);
  });

  it('falls back to the prompt in the environment when the rc file cannot be put', async () => {
    const problem = 'the container filesystem is read-only';
    const p = await planOk(debianFiles({ bashrc: false }), {}, { rcFileProblem: problem });
    expect(p.rcFile).toBeUndefined();
    expect(p.cmd).toEqual(['/bin/bash', '-c', `${STTY}; exec /bin/bash`]);
    expect(p.env).toContain('BOSUN_CONTAINER=web-1');
    expect(p.env).toContain('PS1=\\u@${BOSUN_CONTAINER}:\\w\\$ ');
    expect(fix(p, 'prompt')).toMatchObject({ applied: true, label: expect.stringContaining(problem) });
  });

  it('sends a uid without a passwd entry to HOME=/tmp', async () => {
    const p = await planOk(debianFiles(), { user: '4242' });
    expect(p.env).toEqual(expect.arrayContaining(['HOME=/tmp', 'USER=4242', 'SHELL=/bin/bash']));
    expect(fix(p, 'home')?.label).toBe('HOME=/tmp (uid 4242 has no passwd entry); USER, SHELL set');
    const nobody = await planOk(debianFiles(), { user: 'nobody' });
    expect(nobody.env).toContain('HOME=/tmp');
    expect(fix(nobody, 'home')?.label).toContain("nobody's home /nonexistent does not exist");
  });

  it('gives root without a passwd entry /root, and leaves a usable HOME of the container alone', async () => {
    const noPasswd = debianFiles();
    noPasswd.nodes.delete('/etc/passwd');
    expect((await planOk(noPasswd)).env).toContain('HOME=/root');
    const withHome = await planOk(debianFiles(), { containerEnv: [PATH, 'HOME=/var/tmp', 'USER=web'] });
    expect(withHome.env.filter((e) => /^(HOME|USER)=/.test(e))).toEqual([]);
  });

  it('is the plain shell with every fix off', async () => {
    const p = await planOk(debianFiles({ bashrc: false }), {
      disabledFixes: ALL_FIXES,
      timezone: 'Asia/Shanghai',
      user: '4242',
    });
    expect(p).toMatchObject({ shell: '/bin/bash', cmd: ['/bin/bash'], env: [] });
    expect(p.rcFile).toBeUndefined();
    expect(p.fixes.map((f) => [f.id, f.applied])).toEqual(ALL_FIXES.map((id) => [id, false]));
    for (const f of p.fixes) expect(f.label).toMatch(/off/i);
  });

  it('runs stty without any rc file when only the keyboard fix is on', async () => {
    const p = await planOk(debianFiles({ bashrc: false }), {
      disabledFixes: ALL_FIXES.filter((id) => id !== 'keyboard'),
    });
    expect(p.cmd).toEqual(['/bin/bash', '-c', `${STTY}; exec /bin/bash`]);
    expect(p.env).toEqual([]);
  });

  it('overrides a non-UTF-8 LC_ALL of the container and says so', async () => {
    const p = await planOk(debianFiles(), { containerEnv: [PATH, 'LC_ALL=POSIX'] });
    expect(p.env).toEqual(expect.arrayContaining(['LANG=C.UTF-8', 'LC_CTYPE=C.UTF-8', 'LC_ALL=C.UTF-8']));
    expect(fix(p, 'locale')?.label).toBe(
      "UTF-8 locale set (C.UTF-8; the container's LC_ALL=POSIX overridden)",
    );
  });

  it('replaces a UTF-8 locale glibc cannot load, and keeps one it can', async () => {
    const missing = await planOk(debianFiles(), { containerEnv: [PATH, 'LANG=en_US.UTF-8'] });
    expect(missing.env).toContain('LANG=C.UTF-8');
    const present = await planOk(debianFiles(), { containerEnv: [PATH, 'LANG=C.utf8'] });
    expect(present.env.some((e) => e.startsWith('LANG='))).toBe(false);
    expect(fix(present, 'locale')).toMatchObject({
      applied: false,
      label: expect.stringContaining('LANG=C.utf8'),
    });
  });

  it('sets no locale where glibc has no UTF-8 locale at all, and en_US.UTF-8 where only that exists', async () => {
    const bare = debianFiles();
    bare.nodes.delete('/usr/lib/locale/C.utf8');
    expect(fix(await planOk(bare), 'locale')).toMatchObject({ applied: false });
    bare.dir('/usr/lib/locale/en_US.utf8');
    expect((await planOk(bare)).env).toContain('LANG=en_US.UTF-8');
  });

  it('uses the IANA zone where tzdata has it, a POSIX offset where not', async () => {
    expect((await planOk(debianFiles(), { timezone: 'Asia/Shanghai' })).env).toContain('TZ=Asia/Shanghai');
    const kolkata = await planOk(debianFiles(), { timezone: 'Asia/Kolkata' });
    expect(kolkata.env).toContain('TZ=IST-5:30');
    expect(fix(kolkata, 'timezone')?.label).toContain('no tzdata for Asia/Kolkata');
    expect((await planOk(debianFiles(), { timezone: 'CST-8' })).env).toContain('TZ=CST-8');
    expect(fix(await planOk(debianFiles(), { timezone: '../../x' }), 'timezone')).toMatchObject({
      applied: false,
    });
  });
});

describe('planSession on busybox (ash, no libc data, no terminfo)', () => {
  it('reads its rc file through ENV, with TERM=xterm and C.UTF-8', async () => {
    const p = await planOk(busyboxFiles(), { timezone: 'Asia/Shanghai' });
    expect(p.shell).toBe('/bin/ash');
    const rcPath = `/var/tmp/${p.rcFile?.name}`;
    expect(p.cmd).toEqual(['/bin/ash', '-c', `${STTY}; exec /bin/ash -i`]);
    expect(p.env).toEqual([
      'TERM=xterm',
      'LANG=C.UTF-8',
      'LC_CTYPE=C.UTF-8',
      'TZ=<+08>-8',
      'USER=root',
      'SHELL=/bin/ash',
      `ENV=${rcPath}`,
    ]);
    expect(rcText(p)).toContain("PS1='\\u@${BOSUN_CONTAINER}:\\w\\$ '");
    expect(fix(p, 'term')?.label).toContain('no xterm-256color terminfo');
  });

  it('adds PATH only when the container has none', async () => {
    expect((await planOk(busyboxFiles(), { containerEnv: [] })).env).toContain(PATH);
  });
});

describe('planSession on a plain POSIX sh (dash only)', () => {
  it('shows the directory through $PWD, since dash decodes no backslash escapes', async () => {
    const files = debianFiles();
    files.nodes.delete('/bin/bash');
    files.nodes.delete('/usr/bin/bash');
    const p = await planOk(files, { user: '4242' });
    expect(p.shell).toBe('/bin/sh');
    expect(rcText(p)).toContain("PS1='4242@${BOSUN_CONTAINER}:${PWD}$ '");
    expect(p.env).toContain(`ENV=/var/tmp/${p.rcFile?.name}`);
  });
});

describe('planSession without a shell', () => {
  it('says which paths it looked at', async () => {
    const result = await plan(new FakeFiles().exe('/httpd'));
    expect(result).toEqual({
      ok: false,
      reason: 'no-shell',
      checked: [
        '/bin/bash',
        '/usr/bin/bash',
        '/bin/zsh',
        '/usr/bin/zsh',
        '/bin/ash',
        '/bin/sh',
        '/usr/bin/sh',
        '/busybox/sh',
      ],
    });
  });
});

describe('a hostile container name', () => {
  const name = "x'; touch MARK; `touch MARK` $(touch MARK) \\u \u001b[31m";

  it('shows up literally in a real bash prompt and runs nothing', async () => {
    const p = await planOk(debianFiles({ bashrc: false }), { containerName: name });
    const dir = mkdtempSync(join(tmpdir(), 'bosun-rc-'));
    try {
      // Only Bosun's own lines: the sourced ~/.bashrc belongs to the image.
      const rc = rcText(p).replace(/^\. .*$/m, '');
      writeFileSync(join(dir, 'rc'), rc);
      const out = execFileSync('/bin/bash', ['-c', `. ./rc; printf '%s' "\${PS1@P}"`], {
        cwd: dir,
        // stdin not a socket, HOME without rc files: bash would otherwise think rshd started it and read ~/.bashrc.
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { USER: 'root', HOME: dir, PATH: process.env.PATH ?? '/usr/bin:/bin' },
      }).toString('utf8');
      expect(out).toContain("@x'; touch MARK; `touch MARK` $(touch MARK) \\u ?[31m:");
      expect(readdirSync(dir)).toEqual(['rc']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('goes into the environment unquoted (Env values are never parsed by a shell)', async () => {
    const p = await planOk(debianFiles({ bashrc: false }), { containerName: name }, { rcFileProblem: 'x' });
    expect(p.env).toContain("BOSUN_CONTAINER=x'; touch MARK; `touch MARK` $(touch MARK) \\u ?[31m");
  });

  it('has its backslashes doubled for ash, which decodes escapes after expanding', async () => {
    const p = await planOk(busyboxFiles(), { containerName: 'a\\b' });
    expect(rcText(p)).toContain("BOSUN_CONTAINER='a\\\\b'");
  });
});
