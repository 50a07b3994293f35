import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { MAX_LOG_PAGE } from '../../../electron/shared/contract/logs';
import { LogViewer, PAGE_LINES, type LogQuery } from './log-viewer';

const QUERY: LogQuery = {
  connectionId: 'local',
  containerId: 'abc123',
  tail: 1_000,
  since: undefined,
  until: undefined,
  stdout: true,
  stderr: true,
};

const at = (n: number): string =>
  `${1_700_000_000 + Math.floor(n / 1000)}.${String(n % 1000).padStart(9, '0')}`;
const lines = (from: number, to: number, stream: 'stdout' | 'stderr' = 'stdout'): LogLine[] =>
  Array.from({ length: to - from }, (_, i) => ({ stream, time: at(from + i), text: `line ${from + i}` }));

/** A fake core that answers the log calls, and a viewer over it whose frames the test runs by hand. */
function setup(limits = { maxLines: 100, maxChars: 1_000_000 }) {
  const core = new FakeCore();
  core.handle('logs.open', (input) => ({ streamId: input.streamId, tty: false }));
  core.handle('logs.ack', () => null);
  core.handle('logs.close', () => null);
  const frames: Array<() => void> = [];
  const viewer = new LogViewer(core.client(), {
    limits,
    schedule: (run) => void frames.push(run),
    searchSlices: (work) => {
      work();
      return () => undefined;
    },
  });
  const frame = (): void => {
    for (const run of frames.splice(0)) run();
  };
  const streamId = (): string => core.callsOf('logs.open').at(-1)!.streamId;
  const opened = async (): Promise<string> => {
    await until(() => viewer.getSnapshot().phase === 'streaming');
    return streamId();
  };
  const send = (id: string, batch: LogLine[]): void =>
    core.emit('logs.output', { type: 'lines', streamId: id, lines: batch });
  const texts = (): string[] => Array.from({ length: viewer.ring.length }, (_, i) => viewer.ring.at(i)!.text);
  return { core, viewer, frame, opened, send, texts };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(check()).toBe(true);
}

describe('LogViewer', () => {
  it('asks logs.page for no more than the contract takes', () => {
    expect(PAGE_LINES).toBeLessThanOrEqual(MAX_LOG_PAGE);
  });

  it('opens the stream with the query, and applies batches once per frame', async () => {
    const { core, viewer, frame, opened, send, texts } = setup();
    viewer.start(QUERY);
    const id = await opened();
    expect(core.callsOf('logs.open')[0]).toMatchObject({
      connectionId: 'local',
      containerId: 'abc123',
      tail: 1_000,
      follow: true,
      stdout: true,
      stderr: true,
    });
    send(id, lines(0, 3));
    send(id, lines(3, 5));
    expect(viewer.getSnapshot().count).toBe(0);
    const version = viewer.getSnapshot().version;
    frame();
    expect(texts()).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(viewer.getSnapshot().version).toBe(version + 1);
    await until(() => core.callsOf('logs.ack').length > 0);
    expect(core.callsOf('logs.ack')[0]).toEqual({ streamId: id, lines: 5 });
  });

  it('does not follow when an end time is given', async () => {
    const { core, viewer } = setup();
    viewer.start({ ...QUERY, tail: undefined, since: '1700000000', until: '1700000100' });
    await until(() => core.callsOf('logs.open').length === 1);
    expect(core.callsOf('logs.open')[0]).toMatchObject({
      follow: false,
      since: '1700000000',
      until: '1700000100',
    });
    expect(core.callsOf('logs.open')[0]).not.toHaveProperty('tail');
  });

  it('drops the oldest lines past the cap and says so', async () => {
    const { viewer, frame, opened, send, texts } = setup({ maxLines: 10, maxChars: 1_000_000 });
    viewer.start(QUERY);
    const id = await opened();
    send(id, lines(0, 8));
    frame();
    expect(viewer.getSnapshot().droppedOldest).toBe(false);
    send(id, lines(8, 15));
    frame();
    expect(texts()).toEqual(lines(5, 15).map((l) => l.text));
    expect(viewer.getSnapshot()).toMatchObject({ count: 10, droppedOldest: true, atStart: false });
  });

  it('pages back before the first line, with the lines it already has at that time', async () => {
    const { core, viewer, frame, opened, send, texts } = setup();
    viewer.start(QUERY);
    const id = await opened();
    const held = lines(10, 13);
    send(id, [{ ...held[0]!, time: at(10) }, { ...held[1]!, time: at(10) }, held[2]!]);
    frame();
    core.handle('logs.page', () => ({ lines: lines(7, 10), more: true }));
    await viewer.loadEarlier();
    expect(core.callsOf('logs.page')[0]).toEqual({
      connectionId: 'local',
      containerId: 'abc123',
      stdout: true,
      stderr: true,
      before: at(10),
      haveAtBefore: 2,
      limit: PAGE_LINES,
    });
    expect(texts()).toEqual(['line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    expect(viewer.getSnapshot()).toMatchObject({ atStart: false, paging: false, droppedNewest: false });

    core.handle('logs.page', () => ({ lines: lines(5, 7), more: false }));
    await viewer.loadEarlier();
    expect(viewer.getSnapshot()).toMatchObject({ atStart: true, count: 8 });
    await viewer.loadEarlier();
    expect(core.callsOf('logs.page')).toHaveLength(2);
  });

  it('keeps paging within since', async () => {
    const { core, viewer, frame, opened, send, texts } = setup();
    viewer.start({ ...QUERY, since: at(8) });
    const id = await opened();
    send(id, lines(10, 12));
    frame();
    core.handle('logs.page', () => ({ lines: lines(5, 10), more: true }));
    await viewer.loadEarlier();
    expect(texts()).toEqual(['line 8', 'line 9', 'line 10', 'line 11']);
    expect(viewer.getSnapshot().atStart).toBe(true);
  });

  it('lets the newest lines go when paging back into a full buffer, and stops the live stream', async () => {
    const { core, viewer, frame, opened, send, texts } = setup({ maxLines: 5, maxChars: 1_000_000 });
    viewer.start(QUERY);
    const id = await opened();
    send(id, lines(10, 15));
    frame();
    core.handle('logs.page', () => ({ lines: lines(7, 10), more: true }));
    await viewer.loadEarlier();
    expect(texts()).toEqual(['line 7', 'line 8', 'line 9', 'line 10', 'line 11']);
    expect(viewer.getSnapshot().droppedNewest).toBe(true);
    await until(() => core.callsOf('logs.close').length === 1);
    // What the stream still sends is not appended after the gap.
    send(id, lines(15, 16));
    frame();
    expect(texts().at(-1)).toBe('line 11');

    viewer.restart();
    const second = await opened();
    expect(second).not.toBe(id);
    expect(viewer.getSnapshot()).toMatchObject({ droppedNewest: false, count: 0 });
  });

  it('says how the stream ended and keeps the lines', async () => {
    const { core, viewer, frame, opened, send } = setup();
    viewer.start(QUERY);
    const id = await opened();
    send(id, lines(0, 2));
    core.emit('logs.output', {
      type: 'ended',
      streamId: id,
      reason: 'complete',
      message: 'The container stopped: its log is complete.',
    });
    frame();
    expect(viewer.getSnapshot()).toMatchObject({
      phase: 'ended',
      count: 2,
      end: { reason: 'complete', message: 'The container stopped: its log is complete.' },
    });
  });

  it('resumes a cut-off stream after the last line held: nothing missed, nothing twice', async () => {
    const { core, viewer, frame, opened, send, texts } = setup();
    viewer.start(QUERY);
    const first = await opened();
    // Two lines share the last time: both are held, so both are skipped when the engine sends them again.
    const held: LogLine[] = [...lines(0, 2), { stream: 'stdout', time: at(1), text: 'line 1b' }];
    send(first, held);
    frame();
    core.emit('logs.output', {
      type: 'ended',
      streamId: first,
      reason: 'engine-lost',
      message: 'Lost the engine.',
    });
    await until(() => viewer.getSnapshot().phase === 'ended');
    viewer.resume();
    const second = await opened();
    expect(core.callsOf('logs.open').at(-1)).toMatchObject({
      follow: true,
      since: at(1),
      stdout: true,
      stderr: true,
    });
    expect(core.callsOf('logs.open').at(-1)).not.toHaveProperty('tail');
    send(second, [held[1]!, held[2]!]);
    send(second, lines(2, 4));
    frame();
    expect(texts()).toEqual(['line 0', 'line 1', 'line 1b', 'line 2', 'line 3']);
    expect(viewer.getSnapshot()).toMatchObject({ phase: 'streaming', end: undefined });
  });

  it('starts over on resume when nothing is held yet', async () => {
    const { core, viewer, opened } = setup();
    viewer.start(QUERY);
    await opened();
    viewer.resume();
    await opened();
    expect(core.callsOf('logs.open').at(-1)).toMatchObject({ tail: 1_000 });
  });

  it('reports a stream that cannot be opened', async () => {
    const { core, viewer } = setup();
    core.handle('logs.open', () => {
      throw new AppError('NOT_FOUND', 'No container abc123.');
    });
    viewer.start(QUERY);
    await until(() => viewer.getSnapshot().phase === 'failed');
    expect(viewer.getSnapshot().failure).toEqual({ code: 'NOT_FOUND', message: 'No container abc123.' });
  });

  it('closes the stream on a new start and ignores the old one', async () => {
    const { core, viewer, frame, opened, send, texts } = setup();
    viewer.start(QUERY);
    const first = await opened();
    viewer.start({ ...QUERY, stderr: false });
    await until(() => core.callsOf('logs.close').length === 1);
    expect(core.callsOf('logs.close')[0]).toEqual({ streamId: first });
    const second = await opened();
    send(first, lines(0, 1));
    send(second, lines(1, 2));
    frame();
    expect(texts()).toEqual(['line 1']);
    viewer.dispose();
    await until(() => core.callsOf('logs.close').length === 2);
  });

  it('holds a bounded number of lines through a million followed ones', async () => {
    const { viewer, frame, opened, send } = setup({ maxLines: 100_000, maxChars: 64 * 1024 * 1024 });
    viewer.start(QUERY);
    const id = await opened();
    const batch = lines(0, 2_000);
    for (let i = 0; i < 500; i++) {
      send(id, batch);
      if (i % 10 === 0) frame();
    }
    frame();
    expect(viewer.getSnapshot()).toMatchObject({ count: 100_000, droppedOldest: true });
  });
});
