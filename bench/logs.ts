import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { RawEngine } from '../e2e/env/raw-engine';
import { TEST_LABELS } from '../e2e/env/test-env';
import type { Contract } from '../electron/shared/contract';
import { openLogStream } from '../electron/shared/logs/log-client';
import type { Client } from '../electron/shared/rpc/client';
import { summarize, type Summary } from './stats';

export const LOG_LINES = 1_000_000;
const ROUNDS = 3;
// ~45 bytes a line: a number and some text, like a chatty service.
const WRITER = `awk 'BEGIN { for (i = 1; i <= ${LOG_LINES}; i++) print "line " i " GET /api/items?page=" i % 97 " 200 3ms" }'`;
const LAST_TEXT = `line ${LOG_LINES} GET /api/items?page=${LOG_LINES % 97} 200 3ms`;

export interface Memory {
  readonly rssMb: number;
  readonly heapUsedMb: number;
}

export interface LogsBenchResult {
  readonly lines: number;
  readonly bytes: number;
  /** Time to the last line, ms, per round. */
  readonly dockerCli: Summary | undefined;
  readonly rawApi: Summary;
  readonly bosun: Summary;
  readonly bosunFollow: Summary;
  /** CPU time of this process (core, web server and client together) during a Bosun read, ms. */
  readonly bosunCpu: Summary;
  /** Bosun / docker CLI (or / raw API when the CLI is missing). */
  readonly ratio: number;
  readonly followRatio: number;
  readonly memory: { readonly before: Memory; readonly peak: Memory; readonly after: Memory };
}

function memory(): Memory {
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20 };
}

/** A container that wrote LOG_LINES lines and exited (the caller removes it). */
async function writeLog(engine: RawEngine, image: string): Promise<string> {
  const created = await engine.json<{ Id: string }>('POST', '/containers/create', {
    Image: image,
    Cmd: ['sh', '-c', WRITER],
    Labels: { ...TEST_LABELS, 'io.bosun.bench-logs': '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  await engine.json('POST', `/containers/${created.value.Id}/start`);
  await engine.json('POST', `/containers/${created.value.Id}/wait`);
  return created.value.Id;
}

/** `docker logs -t ID > /dev/null` with the docker CLI, or undefined when there is no CLI. */
function dockerCli(dockerHost: string, id: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('docker', ['logs', '-t', id], {
      env: { PATH: process.env.PATH, DOCKER_HOST: dockerHost },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(undefined) : reject(error),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`docker logs exited ${code}`)),
    );
  });
}

/** The Engine API's own stream, read to its end: no parsing at all, the floor of any client. */
function rawApi(engine: RawEngine, id: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    const req = request(
      { socketPath: engine.socketPath, path: `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1` },
      (res) => {
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ ms: performance.now() - started, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Bosun to a client that takes each batch at once: ms until the last line arrived. */
async function bosun(
  client: Client<Contract>,
  connectionId: string,
  containerId: string,
  follow: boolean,
): Promise<{ ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let count = 0;
  let lastAt = 0;
  let ok!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((ok = resolve), (fail = reject)));
  const handle = await openLogStream(
    client,
    { connectionId, containerId, follow },
    {
      lines(lines, taken) {
        count += lines.length;
        taken();
        if (lines.at(-1)?.text === LAST_TEXT) {
          lastAt = performance.now();
          ok();
        }
      },
      ended(end) {
        if (!lastAt) fail(new Error(`the stream ended (${end.reason}: ${end.message}) after ${count} lines`));
      },
    },
  );
  await done;
  // Following, the stream stays open after the last line: the client ends it.
  if (follow) await handle.close();
  const used = process.cpuUsage(cpu);
  if (count !== LOG_LINES) throw new Error(`Bosun delivered ${count} lines, not ${LOG_LINES}`);
  return { ms: lastAt - started, cpuMs: (used.user + used.system) / 1000 };
}

/** 1,000,000 log lines: docker logs, the raw API and Bosun (with and without follow), rounds interleaved. */
export async function measureLogs(
  engine: RawEngine,
  client: Client<Contract>,
  connectionId: string,
  dockerHost: string,
  image: string,
): Promise<LogsBenchResult> {
  const id = await writeLog(engine, image);
  try {
    const cli: number[] = [];
    const raw: number[] = [];
    const plain: number[] = [];
    const followed: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    const before = memory();
    let peak = before;
    const sampler = setInterval(() => {
      const now = memory();
      peak = {
        rssMb: Math.max(peak.rssMb, now.rssMb),
        heapUsedMb: Math.max(peak.heapUsedMb, now.heapUsedMb),
      };
    }, 20);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const c = await dockerCli(dockerHost, id);
        if (c !== undefined) cli.push(c);
        const r = await rawApi(engine, id);
        raw.push(r.ms);
        bytes = r.bytes;
        const once = await bosun(client, connectionId, id, false);
        plain.push(once.ms);
        cpu.push(once.cpuMs);
        followed.push((await bosun(client, connectionId, id, true)).ms);
      }
    } finally {
      clearInterval(sampler);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = memory();
    const dockerCliSummary = cli.length > 0 ? summarize(cli) : undefined;
    const reference = dockerCliSummary ?? summarize(raw);
    const bosunSummary = summarize(plain);
    const followSummary = summarize(followed);
    return {
      lines: LOG_LINES,
      bytes,
      dockerCli: dockerCliSummary,
      rawApi: summarize(raw),
      bosun: bosunSummary,
      bosunFollow: followSummary,
      bosunCpu: summarize(cpu),
      ratio: bosunSummary.median / reference.median,
      followRatio: followSummary.median / reference.median,
      memory: { before, peak, after },
    };
  } finally {
    await engine.json('DELETE', `/containers/${id}?force=1`);
  }
}

/** The lines `npm run bench` prints for the logs measure. */
export function describeLogs(r: LogsBenchResult, ms: (value: number) => string): string[] {
  const reference = r.dockerCli ? 'docker logs -t' : 'the raw API';
  const mb = (m: Memory) => `RSS ${m.rssMb.toFixed(0)} MB, heap used ${m.heapUsedMb.toFixed(0)} MB`;
  return [
    `container log, ${r.lines.toLocaleString('en')} lines (${(r.bytes / 2 ** 20).toFixed(0)} MiB with stamps and frames), time to the last line, median of ${r.bosun.n}:`,
    r.dockerCli
      ? `  docker logs -t > /dev/null (the docker CLI)     ${ms(r.dockerCli.median)}`
      : '  docker CLI not found: the raw API is the reference',
    `  raw GET /containers/{id}/logs, read unparsed    ${ms(r.rawApi.median)}`,
    `  Bosun logs.open to a WebSocket client           ${ms(r.bosun.median)}  (${r.ratio.toFixed(2)}× ${reference})`,
    `  CPU of core + web server + client meanwhile      ${ms(r.bosunCpu.median)}`,
    `  the same, following (closed at the last line)   ${ms(r.bosunFollow.median)}  (${r.followRatio.toFixed(2)}× ${reference})`,
    `  process memory (core + web server + client): before ${mb(r.memory.before)}; peak ${mb(r.memory.peak)}; after ${mb(r.memory.after)}`,
  ];
}
