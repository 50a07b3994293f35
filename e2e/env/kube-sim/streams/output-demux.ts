// The engine's exec/attach output as bytes per channel. Without a TTY the engine multiplexes stdout and
// stderr behind 8-byte headers ([stream, 0, 0, 0, size u32 BE]); with one it sends raw bytes. Nothing
// is decoded to text, so a multi-byte character split across reads arrives intact.

/** Docker (20.10) reports a process that could not start in-band: one stdout frame, exit code 126. */
const RUNTIME_FAILURE_PREFIX = Buffer.from('OCI runtime exec failed', 'latin1');
const HEADER = 8;

export type OutputSink = (channel: 1 | 2, bytes: Buffer) => void;

/** Splits the engine's multiplexed stream into stdout (1) and stderr (2) payloads as they complete. */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly sink: OutputSink) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= HEADER) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER + size) return;
      const kind = this.pending[0];
      const payload = this.pending.subarray(HEADER, HEADER + size);
      this.pending = this.pending.subarray(HEADER + size);
      // Kind 0 would be stdin echoed back, which the engine never sends; anything but 2 is stdout.
      if (payload.length > 0) this.sink(kind === 2 ? 2 : 1, payload);
    }
  }
}

/**
 * The output of one exec or attach. The first bytes are held back only as long as they can still be
 * the engine's "OCI runtime exec failed" frame, so a shell prompt is not delayed.
 */
export class ProcessOutput {
  private state: 'sniffing' | 'flowing' | 'failed-to-start';
  private held: Buffer = Buffer.alloc(0);
  private readonly demuxer: Demuxer;

  constructor(
    private readonly multiplexed: boolean,
    private readonly sink: OutputSink,
    sniffStartFailure: boolean,
  ) {
    this.demuxer = new Demuxer(sink);
    this.state = sniffStartFailure ? 'sniffing' : 'flowing';
  }

  push(chunk: Buffer): void {
    if (this.state === 'flowing') {
      this.forward(chunk);
      return;
    }
    this.held = Buffer.concat([this.held, chunk]);
    if (this.state === 'failed-to-start') return;
    const verdict = startFailureVerdict(this.held);
    if (verdict === 'no') this.flow();
    else if (verdict === 'yes') this.state = 'failed-to-start';
  }

  /**
   * Ends the output. When the process never started and `exitCode` confirms it, answers the engine's
   * message (not sent as output); otherwise flushes what was held and answers undefined.
   */
  end(exitCode: number | undefined): string | undefined {
    if (this.state === 'failed-to-start' && exitCode !== undefined && exitCode !== 0) {
      const parts: Buffer[] = [];
      new Demuxer((_channel, bytes) => parts.push(bytes)).push(this.held);
      return Buffer.concat(parts).toString('utf8').trim();
    }
    if (this.state !== 'flowing') this.flow();
    return undefined;
  }

  private flow(): void {
    this.state = 'flowing';
    const held = this.held;
    this.held = Buffer.alloc(0);
    if (held.length > 0) this.forward(held);
  }

  private forward(chunk: Buffer): void {
    if (this.multiplexed) this.demuxer.push(chunk);
    else this.sink(1, chunk);
  }
}

/** 'yes' once a whole header plus the prefix match, 'no' at the first byte that cannot match. */
function startFailureVerdict(held: Buffer): 'yes' | 'no' | 'maybe' {
  const need = HEADER + RUNTIME_FAILURE_PREFIX.length;
  for (let i = 0; i < Math.min(held.length, need); i += 1) {
    const byte = held[i];
    if (i === 0 && byte !== 1) return 'no';
    if (i >= 1 && i <= 3 && byte !== 0) return 'no';
    if (i >= HEADER && byte !== RUNTIME_FAILURE_PREFIX[i - HEADER]) return 'no';
  }
  return held.length >= need ? 'yes' : 'maybe';
}
