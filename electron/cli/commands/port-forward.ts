import { randomUUID } from 'node:crypto';
import type { Cluster, ForwardTargetRef, PortForwardInfo } from '../../shared/contract';
import { openLocalCore } from '../local-core';
import { CliFailure, printError } from '../output';
import { printable } from '../printable';

export interface PortForwardOptions {
  readonly namespace?: string;
  readonly context?: string;
}

/** The exit code of a forward the user ended with Ctrl-C (128 + SIGINT, as shells report it). */
const INTERRUPTED = 130;

/** `pod/NAME`, `svc/NAME` (also `service/`, `pods/`), or a bare NAME for a pod, as kubectl reads it. */
export function parseForwardTarget(text: string): ForwardTargetRef {
  const [kind, name] = text.includes('/') ? text.split('/', 2) : ['pod', text];
  const kinds: Record<string, ForwardTargetRef['kind']> = {
    pod: 'pod',
    pods: 'pod',
    po: 'pod',
    svc: 'service',
    service: 'service',
    services: 'service',
  };
  const mapped = kinds[kind ?? ''];
  if (!mapped || !name) throw new CliFailure(`"${text}" is not a target: give pod/NAME or svc/NAME.`, 1);
  return { kind: mapped, name };
}

/** `[LOCAL:]REMOTE`; LOCAL empty (":80") means a free port, as kubectl reads it. */
export function parsePortSpec(text: string): { localPort?: number; remotePort: number } {
  const match = /^(?:(\d*):)?(\d+)$/.exec(text);
  const port = (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65_535)
      throw new CliFailure(`"${value}" is not a port (1-65535).`, 1);
    return n;
  };
  if (!match) throw new CliFailure(`"${text}" is not a port spec: give REMOTE or LOCAL:REMOTE.`, 1);
  const remotePort = port(match[2]!);
  // kubectl's "8080" forwards 8080 to 8080; ":8080" picks a free local port.
  const local = match[1] === undefined ? match[2]! : match[1];
  return local === '' ? { remotePort } : { localPort: port(local), remotePort };
}

function pickCluster(clusters: readonly Cluster[], context: string | undefined): Cluster {
  const usable = clusters.filter((c) => c.context);
  const chosen = context ? usable.find((c) => c.context === context) : usable.find((c) => c.current);
  if (chosen) return chosen;
  const known = usable.map((c) => c.context).join(', ');
  if (context)
    throw new CliFailure(`No context "${context}" in your kubeconfig (known: ${known || 'none'}).`, 1);
  if (usable.length === 1) return usable[0]!;
  throw new CliFailure(
    usable.length === 0
      ? 'No Kubernetes context found. Set KUBECONFIG or create ~/.kube/config (kubectl config).'
      : `Your kubeconfig has no current context: pick one with --context (${known}).`,
    1,
  );
}

function describe(info: PortForwardInfo): string {
  const via = info.target.kind === 'service' ? ` (service ${info.target.name}:${info.remotePort})` : '';
  return `Forwarding from 127.0.0.1:${info.localPort} -> pod/${info.pod}:${info.podPort}${via}`;
}

/**
 * `bosun port-forward pod/NAME|svc/NAME [LOCAL:]REMOTE`: listens on 127.0.0.1 only, prints the address
 * and the live connection count, and stops on Ctrl-C.
 */
export async function portForwardCommand(
  targetText: string,
  portText: string,
  options: PortForwardOptions,
): Promise<void> {
  const target = parseForwardTarget(targetText);
  const ports = parsePortSpec(portText);
  const core = await openLocalCore({ settleMs: 0 });
  let interrupted = false;
  try {
    const cluster = pickCluster(await core.client.call('kube.clusters.list', {}), options.context);
    const namespace = options.namespace ?? cluster.namespace ?? 'default';
    const forwardId = randomUUID();
    const tty = process.stdout.isTTY === true;
    let shown = '';
    let lastError = 0;
    let ended: (reason: string | undefined) => void = () => undefined;
    const over = new Promise<string | undefined>((resolve) => (ended = resolve));
    const show = (info: PortForwardInfo): void => {
      if (info.lastError && info.lastError.at !== lastError) {
        lastError = info.lastError.at;
        if (tty) process.stdout.write('\r\x1b[K');
        printError(info.lastError.message);
        shown = '';
      }
      const line = `Connections: ${info.connections} open, ${info.accepted} in all${
        info.clusterLost ? ` (${info.clusterLost})` : ''
      }`;
      if (line === shown) return;
      shown = line;
      process.stdout.write(tty ? `\r\x1b[K${printable(line)}` : `${printable(line)}\n`);
    };
    const subscription = core.client.subscribe('kube.portForward.changed', { forwardId }, (change) => {
      if (change.stopped) ended(change.reason ?? 'The forward stopped.');
      else show(change.forward);
    });
    const info = await core.client.call('kube.portForward.start', {
      clusterId: cluster.id,
      namespace,
      target,
      forwardId,
      ...ports,
    });
    console.log(printable(describe(info)));
    console.log('Press Ctrl-C to stop.');
    show(info);
    const stop = (): void => {
      interrupted = true;
      ended(undefined);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let reason: string | undefined;
    try {
      reason = await over;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (tty) process.stdout.write('\n');
      subscription.close();
    }
    if (reason !== undefined) throw new CliFailure(reason, 1);
    await core.client.call('kube.portForward.stop', { forwardId }).catch(() => undefined);
  } finally {
    await core.close();
  }
  if (interrupted) process.exitCode = INTERRUPTED;
}
