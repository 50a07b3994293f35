import { describe, expect, it } from 'vitest';
import type { LogLine, LogsOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineDirectory, EngineSessionView } from '../containers/engine-directory';
import { FakeEngine } from '../testing/fake-engine';
import { LogsService, MAX_LOG_STREAMS_PER_CLIENT } from './logs-service';

const ID = 'c'.repeat(64);
const A = 'client-a';
const B = 'client-b';

function directory(engine: FakeEngine): EngineDirectory {
  const view: EngineSessionView = {
    id: 'lab',
    endpoint: 'unix:///lab.sock',
    ready: async () => undefined,
    liveCache: () => {
      throw new Error('not used');
    },
    liveEngine: () => engine,
  };
  return { loaded: async () => undefined, get: (id) => (id === 'lab' ? view : undefined), all: () => [view] };
}

function numbered(from: number, to: number): LogLine[] {
  const lines: LogLine[] = [];
  for (let n = from; n <= to; n++) {
    lines.push({ stream: 'stdout', time: `1700000000.${String(n).padStart(9, '0')}`, text: `line ${n}` });
  }
  return lines;
}

function setup() {
  const engine = new FakeEngine();
  const published: LogsOutput[] = [];
  const service = new LogsService({ engines: directory(engine), publish: (o) => published.push(o) });
  let n = 0;
  /** Claims a fresh stream id for `client` (as its logs.output subscription does) and opens it. */
  const open = async (client = A, more: Record<string, unknown> = {}) => {
    const streamId = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    expect(service.outputGuard.admit({ streamId }, client)).toBeUndefined();
    await service.open(
      { streamId, connectionId: 'lab', containerId: ID, stdout: true, stderr: true, follow: true, ...more },
      client,
    );
    return streamId;
  };
  const linesOf = (streamId: string) =>
    published.flatMap((o) => (o.type === 'lines' && o.streamId === streamId ? o.lines : []));
  const endOf = (streamId: string) => published.find((o) => o.type === 'ended' && o.streamId === streamId);
  return { engine, service, published, open, linesOf, endOf };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LogsService streams', () => {
  it('sends lines in batches of at most 2,000, pauses at 20,000 unacknowledged and resumes at 5,000, dropping nothing', async () => {
    const { engine, service, open, linesOf, published } = setup();
    engine.logs.chunkLines = 4_500;
    engine.logs.container(ID, numbered(1, 50_000));
    const streamId = await open();
    await expect.poll(() => service.flow(streamId)?.paused).toBe(true);
    for (let i = 0; i < 5; i++) await turn();
    const sent = linesOf(streamId).length;
    // The engine chunk being parsed when the pause came still arrives: 20,000 + less than one chunk.
    expect(sent).toBeGreaterThanOrEqual(20_000);
    expect(sent).toBeLessThan(20_000 + 4_500);
    expect(service.flow(streamId)).toMatchObject({ unacked: sent, paused: true });
    for (const output of published)
      if (output.type === 'lines') expect(output.lines.length).toBeLessThanOrEqual(2_000);
    // Not enough acked: still paused.
    service.ack(streamId, sent - 5_001, A);
    for (let i = 0; i < 5; i++) await turn();
    expect(linesOf(streamId).length).toBe(sent);
    service.ack(streamId, 1, A);
    expect(service.flow(streamId)?.paused).toBe(false);
    // Keep acking everything: the rest flows, in order, with nothing lost or doubled.
    const acker = setInterval(() => service.ack(streamId, service.flow(streamId)?.unacked ?? 0, A), 1);
    await expect.poll(() => linesOf(streamId).length).toBe(50_000);
    clearInterval(acker);
    expect(linesOf(streamId)).toEqual(numbered(1, 50_000));
  });

  it('ends complete without follow, and explains a followed end: stopped, removed, engine lost', async () => {
    const { engine, open, endOf } = setup();
    engine.logs.container(ID, numbered(1, 3));
    const once = await open(A, { follow: false });
    await expect
      .poll(() => endOf(once))
      .toEqual({ type: 'ended', streamId: once, reason: 'complete', message: '' });

    const stopped = await open();
    engine.logs.stop(ID);
    await expect
      .poll(() => endOf(stopped), { timeout: 3000 })
      .toMatchObject({ reason: 'complete', message: expect.stringMatching(/stopped/) });

    engine.logs.container(ID, numbered(1, 3));
    const removed = await open();
    engine.logs.stop(ID, 'gone');
    await expect
      .poll(() => endOf(removed))
      .toMatchObject({ reason: 'container-gone', message: expect.stringMatching(/removed/) });

    engine.logs.container(ID, numbered(1, 3));
    const lost = await open();
    await turn();
    engine.logs.breakStreams(ID, new AppError('UNAVAILABLE', 'The log stream from x broke off.'));
    await expect
      .poll(() => endOf(lost))
      .toMatchObject({ reason: 'engine-lost', message: 'The log stream from x broke off.' });
  });

  it('sends every line before the end of a stream', async () => {
    const { engine, open, linesOf, endOf, published } = setup();
    engine.logs.container(ID, numbered(1, 2_500));
    const streamId = await open(A, { follow: false });
    await expect.poll(() => endOf(streamId)).toBeDefined();
    expect(linesOf(streamId)).toHaveLength(2_500);
    expect(published.at(-1)).toMatchObject({ type: 'ended' });
  });
});

describe('LogsService ownership', () => {
  it('opens only a stream id the client subscribed to first', async () => {
    const { engine, service } = setup();
    engine.logs.container(ID, []);
    const streamId = '00000000-0000-4000-8000-00000000ffff';
    const input = {
      streamId,
      connectionId: 'lab',
      containerId: ID,
      stdout: true,
      stderr: true,
      follow: true,
    };
    await expect(service.open(input, A)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Subscribe/),
    });
    service.outputGuard.admit({ streamId }, B);
    await expect(service.open(input, A)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses another client subscribing, acking or closing, and closes a client’s streams when it goes', async () => {
    const { engine, service, open, endOf } = setup();
    engine.logs.container(ID, numbered(1, 3));
    const mine = await open(A);
    const theirs = await open(B);
    expect(service.outputGuard.admit({ streamId: mine }, B)).toMatchObject({ code: 'NOT_FOUND' });
    // Another client's close or ack is answered like one for a stream that is over, and does nothing.
    expect(service.close(mine, B)).toBeNull();
    expect(endOf(mine)).toBeUndefined();
    expect(service.ack(mine, 5, B)).toBeNull();
    service.closeClient(A);
    expect(endOf(mine)).toMatchObject({ reason: 'closed' });
    expect(endOf(theirs)).toBeUndefined();
    expect(service.streamCount).toBe(1);
    expect(engine.logs.openStreams).toBe(1);
  });

  it(`limits a client to ${MAX_LOG_STREAMS_PER_CLIENT} streams`, async () => {
    const { engine, open } = setup();
    engine.logs.container(ID, []);
    for (let i = 0; i < MAX_LOG_STREAMS_PER_CLIENT; i++) await open(A);
    await expect(open(A)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/64 log streams/),
    });
    await open(B);
  });

  it('passes the engine failure of an open on, and forgets the stream', async () => {
    const { engine, service, open } = setup();
    engine.logs.container(ID, []);
    engine.logs.openError = new AppError('CONFLICT', 'its log driver "none" keeps nothing');
    await expect(open(A)).rejects.toBe(engine.logs.openError);
    expect(service.streamCount).toBe(0);
  });
});

describe('LogsService.page', () => {
  // Lines sharing stamps: 1 at T0, 2–4 at T1, 5–8 at T2, 9 at T3.
  const T = ['1700000000.000000000', '1700000001.000000000', '1700000002.000000000', '1700000003.000000000'];
  const stamps = [0, 1, 1, 1, 2, 2, 2, 2, 3];
  const log: LogLine[] = stamps.map((s, i) => ({ stream: 'stdout', time: T[s]!, text: `${i + 1}` }));
  const page = async (before: string, haveAtBefore: number, limit: number) => {
    const { engine, service } = setup();
    engine.logs.container(ID, log);
    const result = await service.page({
      connectionId: 'lab',
      containerId: ID,
      stdout: true,
      stderr: true,
      before,
      haveAtBefore,
      limit,
    });
    expect(engine.logs.opened.at(-1)?.query).toMatchObject({ until: before, follow: false });
    return { texts: result.lines.map((l) => l.text), more: result.more };
  };

  it('skips the lines at `before` the client already has (the last ones at that time)', async () => {
    // The client holds 7, 8 and 9: two of the four lines at T2.
    expect(await page(T[2]!, 2, 3)).toEqual({ texts: ['4', '5', '6'], more: true });
    expect(await page(T[2]!, 2, 10)).toEqual({ texts: ['1', '2', '3', '4', '5', '6'], more: false });
    expect(await page(T[2]!, 2, 6)).toEqual({ texts: ['1', '2', '3', '4', '5', '6'], more: false });
    expect(await page(T[2]!, 2, 5)).toEqual({ texts: ['2', '3', '4', '5', '6'], more: true });
  });

  it('keeps every line at `before` when the client has none of them, and drops only lines at `before`', async () => {
    expect(await page(T[1]!, 0, 10)).toEqual({ texts: ['1', '2', '3', '4'], more: false });
    // A client that claims more lines at `before` than there are loses nothing older.
    expect(await page(T[1]!, 5, 10)).toEqual({ texts: ['1'], more: false });
    // A `before` written with fewer decimals is the same time.
    expect(await page('1700000001', 3, 10)).toEqual({ texts: ['1'], more: false });
  });
});
