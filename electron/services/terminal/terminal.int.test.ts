import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Client } from '../../shared/rpc/client';
import { openTerminal, type OpenRequest, type TerminalEnd } from '../../shared/terminal/terminal-client';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';
import { TtyTranscript } from '../testing/tty-transcript';

let t: IntCore;
let connectionId: string;
const containers: string[] = [];
let debian: string;

beforeAll(async () => {
  t = await startIntCore();
  const [connection] = await t.client.call('connections.list', {});
  connectionId = connection!.id;
  debian = await runTestContainer(t.engine, { image: t.env.images.debianNginx, cmd: ['sleep', 'infinity'] });
  containers.push(debian);
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, containers);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

/** Bytes equal to `byte` in runs of at least 100 (a prompt or an echoed command has shorter ones). */
function longRunsOf(byte: number, bytes: Uint8Array): number {
  let total = 0;
  let run = 0;
  for (const b of bytes) {
    if (b === byte) run++;
    else {
      if (run >= 100) total += run;
      run = 0;
    }
  }
  return run >= 100 ? total + run : total;
}

interface Opened {
  readonly tty: TtyTranscript;
  readonly ended: Promise<TerminalEnd>;
  readonly handle: Awaited<ReturnType<typeof openTerminal>>;
}

/** Opens a session through the contract; acks right away unless `holdAcks` (a client that fell behind). */
async function open(
  request: Partial<OpenRequest> & { containerId: string },
  options: { client?: Client<Contract>; holdAcks?: { release?: () => void } } = {},
): Promise<Opened> {
  let finish!: (end: TerminalEnd) => void;
  const ended = new Promise<TerminalEnd>((resolve) => (finish = resolve));
  const held: (() => void)[] = [];
  const opened: { handle?: Opened['handle'] } = {};
  const tty = new TtyTranscript((bytes) => opened.handle?.write(bytes));
  if (options.holdAcks) options.holdAcks.release = () => held.splice(0).forEach((done) => done());
  const handle = await openTerminal(
    options.client ?? t.client,
    { connectionId, cols: 100, rows: 30, timezone: 'Asia/Shanghai', ...request },
    {
      data(bytes, done) {
        tty.push(bytes);
        if (options.holdAcks) held.push(done);
        else done();
      },
      ended: finish,
    },
  );
  opened.handle = handle;
  return { tty, ended, handle };
}

describe('terminal sessions through the contract (real engine)', () => {
  it('opens the best shell with every fix, and says which', async () => {
    const { tty, handle } = await open({ containerId: debian });
    expect(handle.session).toMatchObject({ mode: 'shell', shell: '/bin/bash', writable: true });
    const applied = handle.session.fixes.filter((fix) => fix.applied).map((fix) => fix.id);
    expect(applied).toEqual(expect.arrayContaining(['term', 'locale', 'timezone', 'keyboard']));
    const out = await tty.run('echo "$TERM|$LANG|$(date +%z)|$(stty size)"; touch /tmp/中文.txt && ls /tmp');
    expect(out).toContain('xterm-256color|C.UTF-8|+0800|30 100');
    expect(out).toContain('中文.txt');
    handle.resize(132, 43);
    await expect.poll(async () => tty.run('stty size')).toContain('43 132');
    await handle.close();
  });

  it('with the fixes off, is a plain exec', async () => {
    const { tty, handle } = await open({
      containerId: debian,
      disabledFixes: ['term', 'locale', 'timezone', 'home', 'prompt', 'keyboard'],
    });
    expect(handle.session.fixes.every((fix) => !fix.applied)).toBe(true);
    expect(await tty.run('echo "[$LANG]"')).toContain('[]');
    await handle.close();
  });

  it('reports the exit code when the shell exits', async () => {
    const { tty, ended } = await open({ containerId: debian });
    await tty.run('true');
    tty.type('exit 3\r');
    expect(await ended).toMatchObject({ reason: 'exited', exitCode: 3 });
  });

  it('moves 8 MB through flow control without losing a byte, pausing while the client is behind', async () => {
    const holdAcks: { release?: () => void } = {};
    const { tty, handle } = await open({ containerId: debian }, { holdAcks });
    await tty.run('true');
    const before = tty.text().length;
    // No newlines: a TTY turns LF into CRLF, and the count must be exact.
    tty.type('head -c 8000000 /dev/zero | tr \'\\0\' a; echo; echo "<<$((40+2))>>"\r');
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
    expect(longRunsOf(0x61, Buffer.from(tty.text().slice(before)))).toBe(8_000_000);
    await handle.close();
  });

  it('keeps a session to the client that opened it', async () => {
    const { handle } = await open({ containerId: debian });
    const other = t.connect('other');
    const error = await other
      .call('terminal.input', { sessionId: handle.session.sessionId, data: new Uint8Array([0x0d]) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    const peek = other.subscribe('terminal.output', { sessionId: handle.session.sessionId }, () => undefined);
    await expect(peek.ready).rejects.toMatchObject({ code: 'NOT_FOUND' });
    other.close();
    await handle.close();
  });

  it('refuses to open a session whose output nobody is listening to', async () => {
    const error = await t.client
      .call('terminal.open', {
        sessionId: '5d1c7a0e-2b6f-4e8a-9c3d-7f1e2a3b4c5d',
        connectionId,
        containerId: debian,
        cols: 80,
        rows: 24,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Subscribe to terminal.output'),
    });
  });

  it('ends the sessions of a client that goes away', async () => {
    const other = t.connect('leaving');
    const { tty, ended, handle } = await open({ containerId: debian }, { client: other });
    await tty.run('true');
    other.close();
    expect(await ended).toMatchObject({ reason: 'engine-lost' });
    await expect.poll(() => t.core.terminals.flow(handle.session.sessionId)).toBeUndefined();
  });

  it('says the image has no shell, then opens the toolbox in its namespaces', async () => {
    const noshell = await runTestContainer(t.engine, { image: t.env.images.noshell });
    containers.push(noshell);
    const error = await open({ containerId: noshell }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no-shell' } });
    const { tty, handle, ended } = await open({ containerId: noshell, mode: 'toolbox' });
    expect(handle.session.toolbox?.image).toBeTruthy();
    const out = await tty.run('ps; netstat -tln');
    expect(out).toContain('/httpd');
    expect(out).toContain(':8080');
    const sidecar = handle.session.toolbox!.containerId;
    await handle.close();
    expect(await ended).toMatchObject({ reason: 'closed' });
    expect((await t.engine.json('GET', `/containers/${sidecar}/json`)).status).toBe(404);
  });

  it('says the container stopped when it does', async () => {
    const victim = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '3600'] });
    containers.push(victim);
    const { tty, ended } = await open({ containerId: victim });
    await tty.run('true');
    await t.engine.json('POST', `/containers/${victim}/stop?t=0`);
    expect(await ended).toMatchObject({ reason: 'container-gone' });
    const error = await open({ containerId: victim }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not running') });
  });

  it('attaches to PID 1 read-only unless asked', async () => {
    const tty1 = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sh'], tty: true });
    containers.push(tty1);
    const { handle } = await open({ containerId: tty1, mode: 'attach' });
    expect(handle.session).toMatchObject({ mode: 'attach', writable: false, shell: null });
    const error = await t.client
      .call('terminal.input', { sessionId: handle.session.sessionId, data: new Uint8Array([0x0d]) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    await handle.close();
  });

  it('removes the toolbox sidecars of a Bosun that is gone, shortly after the engine connects', async () => {
    const orphan = await runTestContainer(t.engine, {
      image: t.env.images.toolbox,
      cmd: ['sleep', '3600'],
      labels: { 'io.bosun.toolbox.sidecar': '1', 'io.bosun.toolbox.owner': `${hostname()}:999999` },
    });
    containers.push(orphan);
    const second = await startIntCore();
    try {
      await expect
        .poll(async () => (await t.engine.json('GET', `/containers/${orphan}/json`)).status, {
          timeout: 10_000,
        })
        .toBe(404);
      await expect.poll(() => second.logs.join('\n')).toContain('removed 1 orphaned toolbox');
    } finally {
      await second.close();
    }
  });
});
