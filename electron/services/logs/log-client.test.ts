import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract';
import { ACK_EVERY_LINES, openLogStream, type LogEnd } from '../../shared/logs/log-client';
import { startFakeCore, type FakeCore } from '../testing/fake-core';

const ID = 'c'.repeat(64);

function numbered(from: number, to: number): LogLine[] {
  const lines: LogLine[] = [];
  for (let n = from; n <= to; n++) {
    lines.push({
      stream: n % 3 === 0 ? 'stderr' : 'stdout',
      time: `1700000000.${String(n).padStart(9, '0')}`,
      text: `line ${n}`,
    });
  }
  return lines;
}

/** A sink that keeps every line and acks at once (or never, when told). */
function collector(options: { ack?: boolean } = {}) {
  const lines: LogLine[] = [];
  let resolveEnd: (end: LogEnd) => void = () => undefined;
  const ended = new Promise<LogEnd>((resolve) => (resolveEnd = resolve));
  return {
    lines,
    ended,
    sink: {
      lines(batch: LogLine[], done: () => void) {
        lines.push(...batch);
        if (options.ack !== false) done();
      },
      ended: (end: LogEnd) => resolveEnd(end),
    },
  };
}

let fake: FakeCore | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('openLogStream', () => {
  it('delivers every existing line in order, then ends complete without follow', async () => {
    fake = await startFakeCore();
    fake.engine.logs.container(ID, numbered(1, 12_345));
    const out = collector();
    const handle = await openLogStream(
      fake.client,
      { connectionId: fake.connectionId, containerId: ID, follow: false },
      out.sink,
    );
    expect(handle.tty).toBe(false);
    expect(await out.ended).toMatchObject({ reason: 'complete', message: '' });
    expect(out.lines).toEqual(numbered(1, 12_345));
    expect(fake.core.logs.streamCount).toBe(0);
  });

  it('follows new lines, and close() ends it as closed on both sides', async () => {
    fake = await startFakeCore();
    fake.engine.logs.container(ID, numbered(1, 3));
    const out = collector();
    const handle = await openLogStream(
      fake.client,
      { connectionId: fake.connectionId, containerId: ID },
      out.sink,
    );
    await expect.poll(() => out.lines.length).toBe(3);
    fake.engine.logs.append(ID, numbered(4, 5));
    await expect
      .poll(() => out.lines.map((l) => l.text))
      .toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    await handle.close();
    expect(await out.ended).toMatchObject({ reason: 'closed' });
    expect(fake.core.logs.streamCount).toBe(0);
    expect(fake.engine.logs.openStreams).toBe(0);
  });

  it('acks what the sink took, so a long log flows past the high watermark', async () => {
    fake = await startFakeCore();
    fake.engine.logs.container(ID, numbered(1, 60_000));
    const out = collector();
    await openLogStream(
      fake.client,
      { connectionId: fake.connectionId, containerId: ID, follow: false },
      out.sink,
    );
    await out.ended;
    expect(out.lines).toHaveLength(60_000);
  });

  it('stops at the high watermark when the sink never says it took the lines', async () => {
    fake = await startFakeCore();
    fake.engine.logs.container(ID, numbered(1, 60_000));
    const out = collector({ ack: false });
    const handle = await openLogStream(
      fake.client,
      { connectionId: fake.connectionId, containerId: ID, follow: false },
      out.sink,
    );
    await expect.poll(() => fake!.core.logs.flow(handle.streamId)?.paused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Paused at 20,000 unacknowledged; at most the engine chunk being parsed arrives after.
    expect(out.lines.length).toBeGreaterThanOrEqual(20_000);
    expect(out.lines.length).toBeLessThan(20_000 + ACK_EVERY_LINES);
    await handle.close();
  });

  it('rejects with the core error when the container is unknown, and the sink hears nothing', async () => {
    fake = await startFakeCore();
    const out = collector();
    let ended = false;
    await expect(
      openLogStream(
        fake.client,
        { connectionId: fake.connectionId, containerId: ID },
        {
          lines: out.sink.lines,
          ended: () => (ended = true),
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(ended).toBe(false);
  });
});
