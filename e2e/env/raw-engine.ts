import { Agent, request } from 'node:http';

/**
 * The Engine API spoken directly over the socket with a kept connection, no library in between:
 * the reference that tests and benchmarks hold Bosun against.
 */
export class RawEngine {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });

  constructor(readonly socketPath: string) {}

  async json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; value: T }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: this.socketPath,
          agent: this.agent,
          method,
          path,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, value: (text ? JSON.parse(text) : null) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Newline-delimited engine events, each handed over the moment its bytes arrive. */
  events(filters: Record<string, string[]>, onEvent: (event: EngineEvent, at: number) => void): () => void {
    const req = request({
      socketPath: this.socketPath,
      path: `/events?filters=${encodeURIComponent(JSON.stringify(filters))}`,
    });
    let buffer = '';
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) onEvent(JSON.parse(line) as EngineEvent, at);
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    return () => req.destroy();
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface EngineEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly status?: string;
  readonly id?: string;
  readonly Actor?: { ID?: string };
}
