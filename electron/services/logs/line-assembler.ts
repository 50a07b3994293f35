import { StringDecoder } from 'node:string_decoder';
import type { LogLine } from '../../shared/contract';
import { rfc3339ToLogTime } from '../../shared/logs/log-time';

/**
 * The most text one line keeps: the first MAX_LINE_BYTES bytes (at a character boundary); the rest of
 * a longer line is dropped, unmarked (the text is the program's own, never ours).
 */
export const MAX_LINE_BYTES = 1 << 20;
/** Longer than any RFC3339Nano timestamp with a zone: a message without its space is garbage. */
const MAX_PREFIX_BYTES = 64;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const CR = 0x0d;
/*
 * In a TTY container's raw stream a partial message has no frame to end it: the next part follows
 * inline, after its own prefix — the same timestamp (the engine stamps every part of a line with the
 * time of its first). Parts are many KiB (16 KiB for json-file and local), so lines shorter than this
 * are never searched for that prefix.
 */
const MIN_PARTIAL_BYTES = 1024;

/**
 * Turns one output stream's messages ("<RFC3339Nano> <text>\n", each line of a program stamped by the
 * engine) into lines: strips the stamp, decodes UTF-8 across message and frame boundaries, drops the
 * newline (and a CR before it), and joins the parts the engine split a long line into — a part has no
 * newline, and the next message carrying the same timestamp continues it.
 */
export class LineAssembler {
  private decoder = new StringDecoder('utf8');
  private inPrefix = true;
  private prefix = '';
  /** The timestamp of the line being assembled ('' when none is), and as a log time. */
  private lineStamp = '';
  private lineTime = '';
  /** The line's last message ended without a newline: the next one may continue it. */
  private partial = false;
  private parts: string[] = [];
  private bytes = 0;
  private truncated = false;
  /** TTY only: the continuation prefix ("<stamp> ") being matched, and how much of it has matched. */
  private continuation: Buffer | undefined;
  private failure: Int32Array | undefined;
  private matched = 0;

  constructor(
    private readonly stream: LogLine['stream'],
    /** A raw TTY stream: no frames, so continuations are found inline. */
    private readonly raw: boolean,
  ) {}

  /** Bytes of this stream, in order; complete lines are pushed to `out`. */
  write(bytes: Buffer, out: LogLine[]): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.inPrefix) {
        at = this.readPrefix(bytes, at, out);
        continue;
      }
      const nl = bytes.indexOf(NEWLINE, at);
      if (nl >= 0 && this.bytes === 0 && nl - at <= (this.raw ? MIN_PARTIAL_BYTES : MAX_LINE_BYTES)) {
        // The common case, a whole line in one buffer: decoded in one go (the decoder holds nothing).
        const end = nl > at && bytes[nl - 1] === CR ? nl - 1 : nl;
        out.push({ stream: this.stream, time: this.lineTime, text: bytes.toString('utf8', at, end) });
        this.reset();
        at = nl + 1;
        continue;
      }
      const end = nl < 0 ? bytes.length : nl + 1;
      this.text(bytes.subarray(at, end));
      at = end;
      if (nl >= 0) this.finishLine(out);
    }
  }

  /** A frame of a multiplexed stream ended: a message without a newline is a part of a longer line. */
  endOfMessage(): void {
    if (this.inPrefix) return;
    this.partial = true;
    this.inPrefix = true;
  }

  /** The stream ended: a line still open is complete as it is. */
  end(out: LogLine[]): void {
    if (this.lineStamp !== '') this.finishLine(out);
    this.inPrefix = true;
    this.prefix = '';
  }

  private readPrefix(bytes: Buffer, at: number, out: LogLine[]): number {
    const space = bytes.indexOf(SPACE, at);
    const end = space < 0 ? bytes.length : space;
    if (this.prefix.length + (end - at) > MAX_PREFIX_BYTES) {
      throw new Error('a log message does not start with a timestamp');
    }
    const stamp = this.prefix + bytes.toString('latin1', at, end);
    if (space < 0) {
      this.prefix = stamp;
      return bytes.length;
    }
    this.prefix = '';
    if (this.partial && stamp === this.lineStamp) {
      this.partial = false;
      this.inPrefix = false;
      return space + 1;
    }
    if (this.lineStamp !== '') this.finishLine(out);
    const time = rfc3339ToLogTime(stamp);
    if (time === undefined) {
      throw new Error(`a log message starts with "${stamp.slice(0, 40)}", not a timestamp`);
    }
    this.inPrefix = false;
    this.lineStamp = stamp;
    this.lineTime = time;
    return space + 1;
  }

  private text(piece: Buffer): void {
    if (this.raw && this.bytes + piece.length > MIN_PARTIAL_BYTES) {
      this.textRaw(piece);
      return;
    }
    this.keep(piece);
  }

  /**
   * A TTY line's text, with continuation prefixes cut out (a KMP match that runs across chunks). Bytes
   * that may begin a prefix are held back (they equal the pattern's start) until they match or cannot.
   */
  private textRaw(piece: Buffer): void {
    const pattern = this.continuationPattern();
    const failure = this.failure!;
    let run = 0;
    let m = this.matched;
    for (let i = 0; i < piece.length; i++) {
      const byte = piece[i]!;
      const held = m;
      while (m > 0 && byte !== pattern[m]) m = failure[m - 1]!;
      if (byte === pattern[m]) m++;
      if (held === 0 && m === 0) continue;
      if (m === held + 1) {
        // The byte extends the match: what came before it is text, the byte is held.
        if (i > run) this.keep(piece.subarray(run, i));
        run = i + 1;
        if (m === pattern.length) m = 0;
        continue;
      }
      // The match fell back: the front of the held bytes can no longer be a prefix, it is text.
      const released = held + 1 - m;
      if (m === 0) {
        this.keep(pattern.subarray(0, held));
        run = i;
      } else {
        this.keep(pattern.subarray(0, released));
        run = i + 1;
      }
    }
    if (piece.length > run) this.keep(piece.subarray(run));
    this.matched = m;
  }

  private continuationPattern(): Buffer {
    if (!this.continuation) {
      const pattern = Buffer.from(`${this.lineStamp} `, 'latin1');
      const failure = new Int32Array(pattern.length);
      for (let i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] !== pattern[k]) k = failure[k - 1]!;
        if (pattern[i] === pattern[k]) k++;
        failure[i] = k;
      }
      this.continuation = pattern;
      this.failure = failure;
      this.matched = 0;
    }
    return this.continuation;
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.truncated) return;
    const room = MAX_LINE_BYTES - this.bytes;
    if (piece.length > room) {
      piece = piece.subarray(0, charBoundary(piece, room));
      this.truncated = true;
    }
    this.bytes += piece.length;
    const text = this.decoder.write(piece);
    if (text !== '') this.parts.push(text);
  }

  private finishLine(out: LogLine[]): void {
    if (this.matched > 0) {
      // A TTY line ended while a possible continuation prefix was held: it was text.
      this.keepHeld();
    }
    if (this.truncated) this.decoder = new StringDecoder('utf8');
    else {
      const rest = this.decoder.end();
      if (rest !== '') this.parts.push(rest);
    }
    let text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    if (text.endsWith('\n')) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
    out.push({ stream: this.stream, time: this.lineTime, text });
    this.reset();
  }

  /** Ready for the next message, which starts a new line. */
  private reset(): void {
    this.inPrefix = true;
    this.parts = [];
    this.bytes = 0;
    this.truncated = false;
    this.partial = false;
    this.lineStamp = '';
    this.lineTime = '';
    this.continuation = undefined;
    this.failure = undefined;
    this.matched = 0;
  }

  private keepHeld(): void {
    const held = this.continuation!.subarray(0, this.matched);
    this.matched = 0;
    this.keep(held);
  }
}

/** The largest cut ≤ `at` that does not split a UTF-8 character. */
function charBoundary(bytes: Buffer, at: number): number {
  let cut = at;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut;
}
