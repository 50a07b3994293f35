import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputPump } from './output-pump';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function pumpOver(options: { highWater?: number; lowWater?: number; batchBytes?: number } = {}) {
  const source = new PassThrough();
  const emitted: Uint8Array[] = [];
  const pump = new OutputPump(source, {
    highWater: options.highWater ?? 100,
    lowWater: options.lowWater ?? 20,
    batchBytes: options.batchBytes ?? 64,
    emit: (bytes) => emitted.push(bytes),
  });
  return { source, emitted, pump };
}

describe('OutputPump', () => {
  it('sends the chunks of one I/O turn as one batch, bytes untouched', async () => {
    const { source, emitted } = pumpOver();
    // 中 is E4 B8 AD: split across chunks, as a TTY read may split it.
    source.write(Buffer.from([0xe4]));
    source.write(Buffer.from([0xb8, 0xad, 0x0a]));
    await turn();
    await turn();
    expect(emitted).toHaveLength(1);
    expect(Buffer.from(emitted[0]!).toString('utf8')).toBe('中\n');
  });

  it('sends a batch at once when it reaches batchBytes', async () => {
    const { source, emitted } = pumpOver({ batchBytes: 8, highWater: 1000 });
    source.write(Buffer.alloc(5, 1));
    source.write(Buffer.alloc(5, 2));
    await new Promise((resolve) => process.nextTick(resolve));
    await Promise.resolve();
    expect(emitted.map((b) => b.byteLength)).toEqual([10]);
  });

  it('pauses the source while too much is unacknowledged and resumes at the low mark, losing nothing', async () => {
    const { source, emitted, pump } = pumpOver({ highWater: 100, lowWater: 20, batchBytes: 50 });
    for (let i = 0; i < 10; i++) source.write(Buffer.alloc(50, i));
    await turn();
    expect(pump.state.paused).toBe(true);
    expect(pump.state.sent).toBe(100);
    pump.ack(50);
    await turn();
    expect(pump.state).toMatchObject({ paused: true, unacked: 50 });
    pump.ack(30);
    await turn();
    await turn();
    expect(pump.state.sent).toBeGreaterThan(100);
    // Acknowledge everything as it arrives until the source is drained.
    for (let i = 0; i < 20 && pump.state.sent < 500; i++) {
      pump.ack(pump.state.unacked);
      await turn();
    }
    const all = Buffer.concat(emitted);
    expect(all.byteLength).toBe(500);
    for (let i = 0; i < 10; i++) expect(all[i * 50]).toBe(i);
  });

  it('flush() sends what is pending now', () => {
    const { source, emitted, pump } = pumpOver();
    source.write(Buffer.from('tail'));
    return new Promise<void>((resolve) =>
      process.nextTick(() => {
        pump.flush();
        expect(emitted.map((b) => Buffer.from(b).toString())).toEqual(['tail']);
        resolve();
      }),
    );
  });
});
