import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract, LogLine } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { openLogStream, type LogEnd, type LogStreamRequest } from '../../shared/logs/log-client';
import type { Client } from '../../shared/rpc/client';
import { MAX_LINE_BYTES } from './line-assembler';
import { compareLogTime } from '../../shared/logs/log-time';
import { EngineProxy } from '../testing/engine-proxy';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;
let connectionId: string;
const created: string[] = [];

async function run(cmd: string, options: { tty?: boolean; logDriver?: string } = {}): Promise<string> {
  const id = await runTestContainer(t.engine, {
    image: t.env.images.busybox,
    cmd: ['sh', '-c', cmd],
    ...(options.tty ? { tty: true } : {}),
    ...(options.logDriver ? { hostConfig: { LogConfig: { Type: options.logDriver, Config: {} } } } : {}),
  });
  created.push(id);
  return id;
}

async function waitExit(id: string): Promise<void> {
  await t.engine.json('POST', `/containers/${id}/wait`);
}

interface Read {
  lines: LogLine[];
  ended: Promise<LogEnd>;
  tty: boolean;
  streamId: string;
  close(): Promise<void>;
}

async function read(
  request: Partial<LogStreamRequest> & { containerId: string },
  client: Client<Contract> = t.client,
): Promise<Read> {
  const lines: LogLine[] = [];
  let resolveEnd: (end: LogEnd) => void = () => undefined;
  const ended = new Promise<LogEnd>((resolve) => (resolveEnd = resolve));
  const handle = await openLogStream(
    client,
    { connectionId, ...request },
    {
      lines: (batch, done) => {
        lines.push(...batch);
        done();
      },
      ended: resolveEnd,
    },
  );
  return { lines, ended, tty: handle.tty, streamId: handle.streamId, close: () => handle.close() };
}

/** The whole existing log, without follow. */
async function all(request: Partial<LogStreamRequest> & { containerId: string }): Promise<LogLine[]> {
  const r = await read({ follow: false, ...request });
  expect(await r.ended).toEqual(expect.objectContaining({ reason: 'complete', message: '' }));
  return r.lines;
}

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  await t.client.call('containers.list', { all: true });
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('logs on the real engine', () => {
  it('separates stdout from stderr, strips stamps and newlines, keeps UTF-8 and ANSI, in order with rising times', async () => {
    const id = await run(
      'echo out1; echo err1 >&2; printf "日本語 ✓ \\033[31mred\\033[0m\\n"; printf "crlf\\r\\n"; echo; echo err2 >&2; echo out-last',
    );
    await waitExit(id);
    const lines = await all({ containerId: id });
    const texts = (stream: string) => lines.filter((l) => l.stream === stream).map((l) => l.text);
    expect(texts('stdout')).toEqual(['out1', '日本語 ✓ \u001b[31mred\u001b[0m', 'crlf', '', 'out-last']);
    expect(texts('stderr')).toEqual(['err1', 'err2']);
    for (const line of lines) expect(line.time).toMatch(/^\d{10}\.\d{9}$/);
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]!.stream === lines[i - 1]!.stream) {
        expect(compareLogTime(lines[i - 1]!.time, lines[i]!.time)).toBeLessThanOrEqual(0);
      }
    }
    // Only one stream when asked.
    expect((await all({ containerId: id, stdout: false })).map((l) => l.text)).toEqual(['err1', 'err2']);
  });

  it('reads a TTY container as all stdout, CRLF stripped, and says it is a TTY', async () => {
    const id = await run('echo one; echo two >&2; printf "no newline"', { tty: true });
    await waitExit(id);
    const r = await read({ containerId: id, follow: false });
    await r.ended;
    expect(r.tty).toBe(true);
    expect(r.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stdout', 'no newline'],
    ]);
  });

  it.each([false, true])(
    'joins a line the engine split into 16 KiB parts (tty %s), and keeps 1 MiB of a longer one',
    async (tty) => {
      // 40,000 × "é" (2 bytes): parts of 16 KiB cut characters in half.
      const id = await run(
        'head -c 40000 /dev/zero | tr "\\0" a | sed "s/a/é/g"; echo; echo next; head -c 1200000 /dev/zero | tr "\\0" b; echo; echo after',
        { tty },
      );
      await waitExit(id);
      const lines = await all({ containerId: id });
      expect(lines.map((l) => l.text.length)).toEqual([40_000, 4, MAX_LINE_BYTES, 5]);
      expect(lines[0]!.text).toBe('é'.repeat(40_000));
      expect(lines[2]!.text).toBe('b'.repeat(MAX_LINE_BYTES));
      expect(lines[3]!.text).toBe('after');
    },
  );

  it('applies tail, since and until as the engine does (inclusive bounds, exact nanoseconds)', async () => {
    const id = await run('for i in 1 2 3 4 5 6 7 8; do echo line$i; sleep 0.05; done');
    await waitExit(id);
    const every = await all({ containerId: id });
    expect(every.map((l) => l.text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `line${n}`));
    expect((await all({ containerId: id, tail: 3 })).map((l) => l.text)).toEqual(['line6', 'line7', 'line8']);
    expect(await all({ containerId: id, tail: 0 })).toEqual([]);
    const third = every[2]!.time;
    expect((await all({ containerId: id, since: third })).map((l) => l.text)[0]).toBe('line3');
    expect((await all({ containerId: id, until: third })).map((l) => l.text)).toEqual([
      'line1',
      'line2',
      'line3',
    ]);
  });

  it('follows new lines, then ends complete when the container stops', async () => {
    const id = await run('echo first; sleep 1; echo second; sleep 1; echo third');
    const r = await read({ containerId: id });
    await expect
      .poll(() => r.lines.map((l) => l.text), { timeout: 10_000 })
      .toEqual(['first', 'second', 'third']);
    const end = await r.ended;
    expect(end.reason).toBe('complete');
    expect(end.message).toMatch(/stopped/);
    expect(t.core.logs.streamCount).toBe(0);
  });

  it('says the container is gone when it is removed while followed', async () => {
    const id = await run('echo alive; sleep 3600');
    const r = await read({ containerId: id });
    await expect.poll(() => r.lines.length).toBe(1);
    await t.engine.json('DELETE', `/containers/${id}?force=1`);
    const end = await r.ended;
    expect(end).toMatchObject({ reason: 'container-gone' });
    expect(end.message).toMatch(/removed/);
  });

  it('ends a followed stream when closed, and the engine stream with it', async () => {
    const id = await run('while true; do echo tick; sleep 0.1; done');
    const r = await read({ containerId: id });
    await expect.poll(() => r.lines.length).toBeGreaterThan(2);
    await r.close();
    expect(await r.ended).toMatchObject({ reason: 'closed' });
    expect(t.core.logs.streamCount).toBe(0);
  });

  it('ends engine-lost, with the reason, when the connection to the engine drops', async () => {
    const proxy = new EngineProxy(t.env.dockerSocketPath);
    await proxy.start();
    try {
      const added = await t.client.call('connections.add', {
        name: 'logs going away',
        endpoint: proxy.endpoint,
      });
      const id = await run('while true; do echo tick; sleep 0.1; done');
      const r = await read({ connectionId: added.id, containerId: id });
      await expect.poll(() => r.lines.length).toBeGreaterThan(0);
      await proxy.stop();
      const end = await r.ended;
      expect(end.reason).toBe('engine-lost');
      expect(end.message).toMatch(/broke off|closed|not answer/);
      await t.client.call('connections.remove', { id: added.id });
    } finally {
      await proxy.stop();
    }
  });

  it('refuses a container without a readable log driver, naming the driver', async () => {
    const id = await run('echo hidden', { logDriver: 'none' });
    const error = await read({ containerId: id, follow: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe('CONFLICT');
    expect((error as Error).message).toMatch(/"none"/);
    expect((error as Error).message).toMatch(/json-file or local/);
  });

  it('answers NOT_FOUND for a container that does not exist', async () => {
    await expect(read({ containerId: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only the opening client receives the lines; its streams end when it goes away', async () => {
    const id = await run('while true; do echo tick; sleep 0.1; done');
    const owner = t.connect('owner');
    const r = await read({ containerId: id }, owner);
    await expect.poll(() => r.lines.length).toBeGreaterThan(0);
    const other = t.connect('other');
    const streamId = r.streamId;
    const sub = other.subscribe('logs.output', { streamId }, () => undefined);
    await expect(sub.ready).rejects.toMatchObject({ code: 'NOT_FOUND' });
    owner.close();
    await expect.poll(() => t.core.logs.streamCount).toBe(0);
    other.close();
  });
});

describe('logs.page on the real engine', () => {
  let id: string;
  let every: LogLine[];

  beforeAll(async () => {
    id = await run('seq 1 30000');
    await waitExit(id);
    every = await all({ containerId: id });
  });

  it('reads the whole dense log in order', () => {
    expect(every).toHaveLength(30_000);
    expect(every[29_999]!.text).toBe('30000');
  });

  it('pages back from the oldest line held, without a gap or a duplicate, to the start', async () => {
    // The client holds the tail; it pages back from its first line until `more` is false.
    let held = await all({ containerId: id, tail: 1000 });
    expect(held[0]!.text).toBe('29001');
    let pages = 0;
    for (;;) {
      const before = held[0]!.time;
      const haveAtBefore = held.filter((l) => l.time === before).length;
      const page = await t.client.call('logs.page', {
        connectionId,
        containerId: id,
        before,
        haveAtBefore,
        limit: 7000,
      });
      pages++;
      held = [...page.lines, ...held];
      if (!page.more) break;
      expect(page.lines).toHaveLength(7000);
    }
    expect(pages).toBe(5);
    expect(held.map((l) => l.text)).toEqual(every.map((l) => l.text));
  });

  it('skips the line at `before` the client has, and `more` says whether older lines exist', async () => {
    // This engine stamps every line apart even at 200,000 lines a second (json-file, nanoseconds), so
    // lines sharing a stamp cannot be produced here: the unit test of readPage covers them.
    const at = 20_000;
    const before = every[at]!.time;
    expect(every.filter((l) => l.time === before)).toHaveLength(1);
    const page = await t.client.call('logs.page', {
      connectionId,
      containerId: id,
      before,
      haveAtBefore: 1,
      limit: 100,
    });
    expect(page.lines.map((l) => l.text)).toEqual(every.slice(at - 100, at).map((l) => l.text));
    expect(page.more).toBe(true);
    const first = await t.client.call('logs.page', {
      connectionId,
      containerId: id,
      before: every[100]!.time,
      haveAtBefore: 1,
      limit: 100,
    });
    expect(first.lines.map((l) => l.text)).toEqual(every.slice(0, 100).map((l) => l.text));
    expect(first.more).toBe(false);
  });
});
