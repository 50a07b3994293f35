import { connect } from 'node:net';
import type { ProbeReport } from '../../shared/contract';
import type { PublishedPort } from './workload-facts';

export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
}

export interface ProbeOptions {
  /** Time between the starts of two connects to one target (20 ms). */
  readonly intervalMs?: number;
  /** A connect that takes longer counts as failed (1 s). */
  readonly connectTimeoutMs?: number;
}

export interface RunningProbe {
  /** Whether every target accepted a connect started after `since` (ms since the epoch) and none failed since. */
  upSince(since: number): boolean;
  /** When the first connect that failed started (ms since the epoch); undefined while none failed. */
  firstFailureAt(): number | undefined;
  /** When every target had accepted a connect started at or after `since`; undefined until then. */
  upAt(since: number): number | undefined;
  /** Stops after the connects under way and reports; the report covers the whole time since start. */
  stop(): Promise<ProbeReport>;
}

type Attempt = 'ok' | 'refused' | 'failed';

function attempt(target: ProbeTarget, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (result: Attempt): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('failed'));
    socket.once('connect', () => done('ok'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'refused' : 'failed'),
    );
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects to each target every ~20 ms until stopped, counting refused and failed connects and the
 * longest outage (first failure to the next accepted connect): "the port stayed open" is observed,
 * not assumed.
 */
export function startProbe(targets: readonly ProbeTarget[], options: ProbeOptions = {}): RunningProbe {
  const interval = options.intervalMs ?? 20;
  const timeout = options.connectTimeoutMs ?? 1000;
  const started = Date.now();
  let running = true;
  let attempts = 0;
  let refused = 0;
  let failed = 0;
  let downtime = 0;
  const lastOk = targets.map(() => -1);
  const okTimes = targets.map(() => [] as number[]);
  let firstFailure: number | undefined;
  const lastFail = targets.map(() => -1);
  const loops = targets.map(async (target, index) => {
    let outageSince: number | undefined;
    while (running) {
      const at = Date.now();
      const result = await attempt(target, timeout);
      attempts++;
      if (result === 'ok') {
        lastOk[index] = at;
        if (okTimes[index]!.length < 10_000) okTimes[index]!.push(at);
      } else {
        lastFail[index] = at;
        firstFailure ??= at;
      }
      if (result === 'ok') {
        if (outageSince !== undefined) downtime = Math.max(downtime, Date.now() - outageSince);
        outageSince = undefined;
      } else {
        if (result === 'refused') refused++;
        else failed++;
        outageSince ??= at;
      }
      const wait = interval - (Date.now() - at);
      if (wait > 0 && running) await sleep(wait);
    }
    // Still down when stopped: the outage lasted at least until now.
    if (outageSince !== undefined) downtime = Math.max(downtime, Date.now() - outageSince);
  });
  return {
    firstFailureAt: () => firstFailure,
    upAt: (since) => {
      const firsts = okTimes.map((times) => times.find((at) => at >= since));
      return firsts.every((at) => at !== undefined) ? Math.max(...(firsts as number[])) : undefined;
    },
    upSince: (since) => lastOk.every((ok, index) => ok >= since && ok > lastFail[index]!),
    async stop() {
      running = false;
      await Promise.all(loops);
      return {
        targets: targets.map((t) => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`),
        attempts,
        refused,
        failed,
        durationMs: Date.now() - started,
        downtimeMs: downtime,
      };
    },
  };
}

const ANY = new Set(['', '0.0.0.0', '::']);

/**
 * Where the published TCP ports of a container on `endpoint` can be reached from Bosun's machine,
 * or why they cannot: an engine over SSH publishes on the remote host, where Bosun opens no port.
 */
export function probeTargets(
  ports: readonly PublishedPort[],
  endpoint: string,
): { targets: ProbeTarget[] } | { skipped: string } {
  const tcp = ports.filter((port) => port.protocol === 'tcp');
  if (tcp.length === 0)
    return { skipped: 'The container publishes no TCP port, so there is nothing to probe.' };
  let host: string | undefined;
  if (/^(unix|npipe):\/\//.test(endpoint) || endpoint.startsWith('/')) host = undefined;
  else if (/^(tcp|https?):\/\//.test(endpoint))
    host = new URL(endpoint.replace(/^tcp:/, 'http:')).hostname.replace(/^\[|\]$/g, '');
  else {
    return {
      skipped: `The engine at ${endpoint} publishes its ports on a remote host that Bosun reaches only through SSH; the probe needs a direct route, so it did not run.`,
    };
  }
  const remote = host;
  // A port bound to the engine host's loopback cannot be reached from here when the engine is remote.
  const reachable = tcp.filter((port) => remote === undefined || !/^(127\.|::1$)/.test(port.hostIp));
  if (reachable.length === 0) {
    return {
      skipped: `The published ports are bound to the loopback of the engine's host (${endpoint}), which Bosun cannot reach from here.`,
    };
  }
  const targets = reachable.map((port) => {
    if (remote === undefined)
      return { host: ANY.has(port.hostIp) ? '127.0.0.1' : port.hostIp, port: port.hostPort };
    return { host: ANY.has(port.hostIp) ? remote : port.hostIp, port: port.hostPort };
  });
  const unique = new Map(targets.map((t) => [`${t.host}:${t.port}`, t]));
  return { targets: [...unique.values()] };
}
