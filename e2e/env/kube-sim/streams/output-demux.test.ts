import { describe, expect, it } from 'vitest';
import { Demuxer, ProcessOutput } from './output-demux';

const header = (kind: number, size: number): Buffer => {
  const h = Buffer.alloc(8);
  h[0] = kind;
  h.writeUInt32BE(size, 4);
  return h;
};
const framed = (kind: number, text: string | Buffer): Buffer => {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return Buffer.concat([header(kind, body.length), body]);
};

function collect(): { out: [number, Buffer][]; sink: (channel: 1 | 2, bytes: Buffer) => void } {
  const out: [number, Buffer][] = [];
  return { out, sink: (channel, bytes) => out.push([channel, bytes]) };
}

describe('Demuxer', () => {
  it('splits stdout and stderr frames, across any chunk boundaries, without decoding', () => {
    const cjk = Buffer.from('世界', 'utf8');
    const stream = Buffer.concat([framed(1, cjk), framed(2, 'err'), framed(1, 'x')]);
    const { out, sink } = collect();
    const demux = new Demuxer(sink);
    for (let i = 0; i < stream.length; i += 3) demux.push(stream.subarray(i, i + 3));
    expect(out).toEqual([
      [1, cjk],
      [2, Buffer.from('err')],
      [1, Buffer.from('x')],
    ]);
  });
});

describe('ProcessOutput', () => {
  const failure = framed(
    1,
    'OCI runtime exec failed: exec failed: exec: "nosuch": executable file not found in $PATH: unknown\r\n',
  );

  it('forwards a TTY prompt at once: it cannot be the start-failure frame', () => {
    const { out, sink } = collect();
    const output = new ProcessOutput(false, sink, true);
    output.push(Buffer.from('/ # '));
    expect(out).toEqual([[1, Buffer.from('/ # ')]]);
  });

  it('takes the engine start failure out of the output when the exit code confirms it', () => {
    const { out, sink } = collect();
    const output = new ProcessOutput(true, sink, true);
    output.push(failure.subarray(0, 10));
    output.push(failure.subarray(10));
    expect(output.end(126)).toBe(
      'OCI runtime exec failed: exec failed: exec: "nosuch": executable file not found in $PATH: unknown',
    );
    expect(out).toEqual([]);
  });

  it('gives back held output that only looked like a failure when the process exited 0', () => {
    const { out, sink } = collect();
    const output = new ProcessOutput(true, sink, true);
    output.push(failure);
    expect(output.end(0)).toBeUndefined();
    expect(out).toHaveLength(1);
    expect(out[0]?.[1].toString()).toContain('OCI runtime exec failed');
  });
});
