import type { LogLine } from '../../shared/contract';
import { LineAssembler } from './line-assembler';

const HEADER_BYTES = 8;

/**
 * The body of GET /containers/{id}/logs?timestamps=1 → lines. Without a TTY the body is multiplexed:
 * frames of an 8-byte header (stream type: 1 stdout, 2 stderr; three zero bytes; u32 big-endian
 * length) and a payload, split anywhere by the transport. With a TTY it is raw, and all stdout.
 * Garbage (a header that is none, a message without a timestamp) throws.
 */
export class LogStreamParser {
  private readonly stdout: LineAssembler;
  private readonly stderr: LineAssembler;
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  /** Payload bytes left in the current frame, and whose. */
  private left = 0;
  private current: LineAssembler | undefined;

  constructor(private readonly tty: boolean) {
    this.stdout = new LineAssembler('stdout', tty);
    this.stderr = new LineAssembler('stderr', false);
  }

  /** The lines completed by this chunk, in order. */
  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (this.tty) {
      this.stdout.write(chunk, out);
      return out;
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.left === 0 && this.current === undefined) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + take);
        this.headerFill += take;
        at += take;
        if (this.headerFill < HEADER_BYTES) break;
        this.headerFill = 0;
        this.current = this.frameStream();
        this.left = this.header.readUInt32BE(4);
        if (this.left === 0) this.endFrame();
        continue;
      }
      const take = Math.min(this.left, chunk.length - at);
      this.current!.write(chunk.subarray(at, at + take), out);
      this.left -= take;
      at += take;
      if (this.left === 0) this.endFrame();
    }
    return out;
  }

  /** The stream ended: lines still open are complete as they are. */
  end(): LogLine[] {
    if (this.headerFill > 0 || this.left > 0) {
      throw new Error('the log stream ended inside a frame');
    }
    const out: LogLine[] = [];
    this.stdout.end(out);
    this.stderr.end(out);
    return out;
  }

  private frameStream(): LineAssembler {
    const type = this.header[0];
    if ((type !== 1 && type !== 2) || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) {
      throw new Error(`a log frame header is garbage (${this.header.toString('hex')})`);
    }
    return type === 1 ? this.stdout : this.stderr;
  }

  private endFrame(): void {
    this.current!.endOfMessage();
    this.current = undefined;
  }
}
