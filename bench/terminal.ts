import { request } from 'node:http';
import type { RawEngine } from '../e2e/env/raw-engine';
import { TEST_LABELS } from '../e2e/env/test-env';
import type { Contract } from '../electron/shared/contract';
import { terminalFixIdSchema } from '../electron/shared/contract';
import type { Client } from '../electron/shared/rpc/client';
import { openTerminal } from '../electron/shared/terminal/terminal-client';
import { summarize, type Summary } from './stats';

export const CAT_BYTES = 64 * 2 ** 20;
const ROUNDS = 5;
const FILE = '/tmp/bosun-bench-cat';
// The shell computes the mark, so the echo of the typed command line cannot end the wait.
const END_MARK = Buffer.from('<<bench-42>>');

export interface ThroughputResult {
  /** MB/s of each round. */
  readonly raw: Summary;
  readonly bosun: Summary;
  readonly ratio: number;
}

/** A raw `docker exec -t cat FILE`: the exec API's own stream, read to its end, no library between. */
export function rawExecCat(
  engine: RawEngine,
  containerId: string,
  file = FILE,
  minBytes = CAT_BYTES,
): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    void engine
      .json<{ Id: string }>('POST', `/containers/${containerId}/exec`, {
        Cmd: ['cat', file],
        Tty: true,
        AttachStdout: true,
        AttachStderr: true,
      })
      .then(({ value }) => {
        const started = performance.now();
        let bytes = 0;
        const body = Buffer.from(JSON.stringify({ Detach: false, Tty: true }));
        const req = request(
          {
            socketPath: engine.socketPath,
            method: 'POST',
            path: `/exec/${value.Id}/start`,
            headers: { 'content-type': 'application/json', 'content-length': body.length },
          },
          (res) => {
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => {
              if (bytes < minBytes) reject(new Error(`raw exec read ${bytes} bytes only`));
              else resolve({ bytes, ms: performance.now() - started });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      }, reject);
  });
}

/** The same file through a Bosun session to a client that acknowledges as it reads (flow control on). */
async function bosunCat(
  client: Client<Contract>,
  connectionId: string,
  containerId: string,
): Promise<number> {
  let bytes = 0;
  let started = 0;
  let tail = Buffer.alloc(0);
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const handle = await openTerminal(
    client,
    { connectionId, containerId, cols: 200, rows: 50, disabledFixes: terminalFixIdSchema.options },
    {
      data(chunk, ack) {
        bytes += chunk.byteLength;
        ack();
        tail = Buffer.concat([tail, chunk]).subarray(-64);
        if (started && tail.includes(END_MARK)) done();
      },
      ended: () => done(),
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  bytes = 0;
  started = performance.now();
  handle.write(`stty -echo; cat ${FILE}; echo "<<bench-$((40+2))>>"\r`);
  await finished;
  const elapsed = performance.now() - started;
  await handle.close();
  if (bytes < CAT_BYTES) throw new Error(`Bosun delivered ${bytes} bytes only`);
  return mbPerSecond(bytes, elapsed);
}

/** A running container for the terminal measures (removed by the caller). */
export async function startTarget(engine: RawEngine, image: string): Promise<string> {
  const created = await engine.json<{ Id: string }>('POST', '/containers/create', {
    Image: image,
    Cmd: ['sleep', 'infinity'],
    Labels: { ...TEST_LABELS, 'io.bosun.bench': '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  await engine.json('POST', `/containers/${created.value.Id}/start`);
  return created.value.Id;
}

/** Opens `count` shells (every fix on), measures with them open, then closes them. */
export async function withIdleTerminals<T>(
  client: Client<Contract>,
  connectionId: string,
  containerId: string,
  count: number,
  measure: () => T,
): Promise<T> {
  const sink = { data: (_: Uint8Array, done: () => void) => done(), ended: () => undefined };
  const handles = await Promise.all(
    Array.from({ length: count }, () =>
      openTerminal(client, { connectionId, containerId, cols: 120, rows: 40 }, sink),
    ),
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return measure();
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
}

/** Runs a shell command in the container and waits for it (no TTY, output discarded). */
export async function execIn(engine: RawEngine, containerId: string, script: string): Promise<void> {
  const made = await engine.json<{ Id: string }>('POST', `/containers/${containerId}/exec`, {
    Cmd: ['sh', '-c', script],
  });
  await engine.json('POST', `/exec/${made.value.Id}/start`, { Detach: false, Tty: false });
}

function mbPerSecond(bytes: number, elapsedMs: number): number {
  return bytes / 2 ** 20 / (elapsedMs / 1000);
}

/** Terminal output throughput: Bosun to a WebSocket client against a raw exec stream, rounds interleaved. */
export async function measureTerminalThroughput(
  engine: RawEngine,
  client: Client<Contract>,
  connectionId: string,
  containerId: string,
): Promise<ThroughputResult> {
  await execIn(engine, containerId, `head -c ${CAT_BYTES} /dev/zero | tr '\\0' x > ${FILE}`);
  const raw: number[] = [];
  const bosun: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cat = await rawExecCat(engine, containerId);
    raw.push(mbPerSecond(cat.bytes, cat.ms));
    bosun.push(await bosunCat(client, connectionId, containerId));
  }
  const rawSummary = summarize(raw);
  const bosunSummary = summarize(bosun);
  return { raw: rawSummary, bosun: bosunSummary, ratio: bosunSummary.median / rawSummary.median };
}
