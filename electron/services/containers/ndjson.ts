import { StringDecoder } from 'node:string_decoder';

const MAX_LINE = 1 << 20;

/**
 * Splits a byte stream of newline-delimited JSON into values. Chunks may cut a line, or a UTF-8
 * character, anywhere; a line longer than 1 MiB or one that is not JSON is an error (the stream is
 * not what it claims to be).
 */
export class NdjsonParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onValue: (value: unknown) => void) {}

  /** Throws on garbage; the caller ends the stream. */
  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const line = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (line) this.onValue(JSON.parse(line));
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > MAX_LINE) {
      this.pending = '';
      throw new Error('an event line exceeds 1 MiB');
    }
  }
}
