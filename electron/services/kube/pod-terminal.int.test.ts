import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import { isAppError } from '../../shared/errors';
import { openTerminal, type PodOpenRequest, type TerminalEnd } from '../../shared/terminal/terminal-client';
import { startIntCore, type IntCore } from '../testing/int-core';
import { TtyTranscript } from '../testing/tty-transcript';

const env = testEnv();
let sim: KubeSim;
let t: IntCore;
const ID = 'kube-bosun-sim';
const NS = 'default';

function pod(name: string, image: string, command?: string[]): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bosun-pod-terminal' } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image, ...(command ? { command } : {}) }],
    },
  };
}

interface Opened {
  readonly tty: TtyTranscript;
  readonly ended: Promise<TerminalEnd>;
  readonly handle: Awaited<ReturnType<typeof openTerminal>>;
}

async function open(
  request: Partial<PodOpenRequest> & { pod: string },
  holdAcks?: { release?: () => void },
): Promise<Opened> {
  let finish!: (end: TerminalEnd) => void;
  const ended = new Promise<TerminalEnd>((resolve) => (finish = resolve));
  const held: (() => void)[] = [];
  if (holdAcks) holdAcks.release = () => held.splice(0).forEach((done) => done());
  const opened: { handle?: Opened['handle'] } = {};
  const tty = new TtyTranscript((bytes) => opened.handle?.write(bytes));
  const handle = await openTerminal(
    t.client,
    { clusterId: ID, namespace: NS, cols: 100, rows: 30, timezone: 'Asia/Shanghai', ...request },
    {
      data(bytes, done) {
        tty.push(bytes);
        if (holdAcks) held.push(done);
        else done();
      },
      ended: finish,
    },
  );
  opened.handle = handle;
  return { tty, ended, handle };
}

beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  t = await startIntCore({ KUBECONFIG: sim.kubeconfigPath });
  await Promise.all([
    sim.createPod(NS, pod('shell-bb', env.images.busybox, ['sleep', '3600'])),
    sim.createPod(NS, pod('shell-debian', env.images.debianNginx, ['sleep', '3600'])),
    sim.createPod(NS, pod('no-shell', env.images.noshell)),
  ]);
}, 90_000);

afterAll(async () => {
  await t?.close();
  await sim?.stop();
  expect(t?.internalErrors ?? []).toEqual([]);
}, 60_000);

describe('terminals into pods, through the contract (simulator)', () => {
  it('opens busybox sh with the fixes, keeps CJK bytes intact, resizes and reports the exit code', async () => {
    const { tty, handle, ended } = await open({ pod: 'shell-bb' });
    expect(handle.session).toMatchObject({ mode: 'shell', shell: '/bin/ash', writable: true, user: 'root' });
    const applied = handle.session.fixes.filter((fix) => fix.applied).map((fix) => fix.id);
    expect(applied).toEqual(expect.arrayContaining(['term', 'locale', 'timezone', 'keyboard', 'prompt']));
    // The first prompt first: a line typed earlier races the shell's own start (stty, the resize).
    await tty.run('true');
    const before = tty.byteLength;
    const out = await tty.run('echo 中文; echo "$TERM|$LANG|$(date +%z)|$(stty size)"');
    expect(out).toContain('xterm');
    expect(out).toContain('|C.UTF-8|+0800|30 100');
    // The bytes as the shell wrote them: E4 B8 AD E6 96 87, a line of their own after the echo.
    const text = tty.text();
    expect(Buffer.from(text, 'utf8').subarray(before).includes(Buffer.from('\r\n中文\r\n', 'utf8'))).toBe(
      true,
    );
    // The prompt names the pod.
    expect(text).toContain('@shell-bb:');
    handle.resize(132, 43);
    await expect.poll(async () => tty.run('stty size'), { timeout: 5000 }).toContain('43 132');
    tty.type('exit 3\r');
    await expect(ended).resolves.toMatchObject({ reason: 'exited', exitCode: 3 });
  });

  it('moves 4 MB through flow control without losing a byte, pausing the socket while the client is behind', async () => {
    const holdAcks: { release?: () => void } = {};
    const { tty, handle } = await open({ pod: 'shell-bb' }, holdAcks);
    await tty.run('true');
    const before = tty.byteLength;
    // No newlines: a TTY turns LF into CRLF, and the count must be exact.
    tty.type('head -c 4000000 /dev/zero | tr \'\\0\' a; echo; echo "<<$((40+2))>>"\r');
    const flow = () => t.core.terminals.flow(handle.session.sessionId);
    await expect.poll(() => flow()?.paused, { timeout: 10_000 }).toBe(true);
    const stalled = flow()!.sent;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flow()!.sent).toBe(stalled);
    expect(stalled).toBeLessThan(2_000_000);
    const releaser = setInterval(() => holdAcks.release?.(), 5);
    try {
      await tty.waitFor('<<42>>', 60_000);
    } finally {
      clearInterval(releaser);
    }
    const out = Buffer.from(tty.text()).subarray(before);
    let a = 0;
    for (const byte of out) if (byte === 0x61) a++;
    // The typed command line echoes a few "a"s of its own.
    expect(a - 4_000_000).toBeGreaterThanOrEqual(0);
    expect(a - 4_000_000).toBeLessThan(10);
    await handle.close();
  });

  it('follows a resize sent right after the open, before the shell drew anything', async () => {
    const { tty, handle } = await open({ pod: 'shell-bb', cols: 148, rows: 13 });
    handle.resize(132, 20);
    await expect.poll(async () => tty.run('stty size'), { timeout: 5000 }).toContain('20 132');
    await handle.close();
  });

  it('prefers bash where the image has it, HOME and the prompt from the image as a Docker exec', async () => {
    const { tty, handle } = await open({ pod: 'shell-debian', timezone: 'UTC' });
    expect(handle.session.shell).toBe('/bin/bash');
    const out = await tty.run('echo "$HOME|$BASH_VERSION"');
    expect(out).toMatch(/\/root\|\d+\./);
    await handle.close();
  });

  it('says an image without a shell has none, and offers the toolbox', async () => {
    const failure = await open({ pod: 'no-shell' }).catch((error: unknown) => error);
    expect(isAppError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no-shell' } });
    expect((failure as Error).message).toContain('toolbox');
  });

  it('is PERMISSION_DENIED with a clear message when RBAC refuses pods/exec', async () => {
    sim.setDeny([{ verb: 'create', resource: 'pods', subresource: 'exec' }]);
    try {
      const failure = await open({ pod: 'shell-bb' }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'PERMISSION_DENIED' });
      expect((failure as Error).message).toMatch(/pods\/exec/);
      expect((failure as Error).message).toContain('shell-bb');
    } finally {
      sim.setDeny([]);
    }
  });
});
