/**
 * What a terminal showed, for integration tests: output is kept as bytes and decoded whole, never
 * chunk by chunk (a chunk may end inside a character). `run` types a command line and waits for an
 * end mark that the shell computes, so the echo of the typed line cannot end the wait.
 */
export class TtyTranscript {
  private readonly chunks: Uint8Array[] = [];
  private marks = 0;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** Output bytes, as they arrive. */
  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  get byteLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }

  type(input: string): void {
    this.write(Buffer.from(input, 'utf8'));
  }

  async waitFor(needle: string, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.text().includes(needle)) {
      if (Date.now() > until) throw new Error(`no "${needle}" in the terminal:\n${this.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs a command line and returns what the terminal showed up to its end mark. */
  async run(command: string, timeoutMs?: number): Promise<string> {
    const from = this.text().length;
    const mark = 1000 + ++this.marks;
    this.type(`${command}; echo "<<$((${mark}+1))>>"\r`);
    const needle = `<<${mark + 1}>>`;
    await this.waitFor(needle, timeoutMs);
    return this.text().slice(from, this.text().lastIndexOf(needle));
  }
}
