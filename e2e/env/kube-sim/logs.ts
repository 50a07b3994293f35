// GET …/pods/{name}/log from the engine's logs of the container behind it: demultiplexed,
// RFC3339Nano timestamps when asked, follow ending when the container stops, previous = the run
// before the last restart.
import type { ServerResponse } from 'node:http';
import type Docker from 'dockerode';
import { PassThrough, Readable } from 'node:stream';
import type { ResourceRequest, SimContext } from './context';
import { containersOf } from './pod-spec';
import { badRequest, notFound, type Json } from './status';
import { SYNTHETIC_ANNOTATION } from './synthetic';

function intParam(query: URLSearchParams, key: string): number | undefined {
  const text = query.get(key);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw badRequest(`${key}: Invalid value: "${text}": must be greater than or equal to 0`);
  return value;
}

const truthy = (text: string | null): boolean => text === 'true' || text === '1';

export async function serveLogs(ctx: SimContext, res: ServerResponse, r: ResourceRequest): Promise<void> {
  const ns = r.namespace!;
  const podName = r.name!;
  const pod = ctx.store.get('pods', ns, podName);
  if (!pod) throw notFound('pods', podName);
  const regular = containersOf(pod).map((c) => c.name);
  const all = [...regular, ...containersOf(pod, 'ephemeralContainers').map((c) => c.name)];
  let container = r.query.get('container') ?? '';
  if (!container) {
    if (regular.length !== 1) {
      throw badRequest(
        `a container name must be specified for pod ${podName}, choose one of: [${regular.join(' ')}]`,
      );
    }
    container = regular[0]!;
  }
  if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${podName}`);
  const id = ctx.pods.containerId(ns, podName, container);
  const statuses = [
    ...(((pod.status as Json | undefined)?.containerStatuses as Json[] | undefined) ?? []),
    ...(((pod.status as Json | undefined)?.ephemeralContainerStatuses as Json[] | undefined) ?? []),
  ];
  const waiting = (statuses.find((s) => s.name === container)?.state as Json | undefined)?.waiting as
    Json | undefined;
  if (!id && pod.metadata.annotations?.[SYNTHETIC_ANNOTATION] === 'true') {
    throw badRequest(
      `container "${container}" in pod "${podName}" is synthetic: no engine container, no logs`,
    );
  }
  if (!id) {
    throw badRequest(
      `container "${container}" in pod "${podName}" is waiting to start: ${String(waiting?.reason ?? 'ContainerCreating')}`,
    );
  }
  const engine = ctx.pods.runtime.docker.getContainer(id);
  const info = await engine.inspect();
  const previous = truthy(r.query.get('previous'));
  if (previous && info.RestartCount === 0) {
    throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
  }
  const tail = intParam(r.query, 'tailLines');
  const sinceSeconds = intParam(r.query, 'sinceSeconds');
  const sinceTime = r.query.get('sinceTime');
  const since =
    sinceSeconds !== undefined
      ? Math.floor(Date.now() / 1000) - sinceSeconds
      : sinceTime
        ? Math.floor(Date.parse(sinceTime) / 1000)
        : 0;
  // The run before the current one ends where the current run started; while the container is
  // restarting (or exited), the last run is the whole log.
  const current = info.State.Running && !info.State.Restarting;
  const until = previous && current ? Date.parse(info.State.StartedAt) / 1000 : 0;
  const follow = truthy(r.query.get('follow')) && !previous;
  const limitBytes = intParam(r.query, 'limitBytes');
  const options: Docker.ContainerLogsOptions = {
    stdout: true,
    stderr: true,
    timestamps: truthy(r.query.get('timestamps')),
    since,
    until,
  };
  if (tail !== undefined) options.tail = tail;
  // Without follow the engine answers the whole log at once (a buffer); with follow, a stream that
  // ends when the container stops.
  const raw: NodeJS.ReadableStream = follow
    ? await engine.logs({ ...options, follow: true })
    : Readable.from([await engine.logs({ ...options, follow: false })]);
  const out = new PassThrough();
  if (info.Config.Tty) raw.pipe(out);
  else {
    ctx.pods.runtime.docker.modem.demuxStream(raw, out, out);
    raw.on('end', () => out.end());
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  let sent = 0;
  const stop = (): void => {
    (raw as unknown as { destroy(): void }).destroy();
    if (!res.writableEnded) res.end();
  };
  res.on('error', () => undefined);
  out.on('data', (chunk: Buffer) => {
    if (res.writableEnded || res.destroyed) return;
    if (limitBytes !== undefined && sent + chunk.length >= limitBytes) {
      res.write(chunk.subarray(0, limitBytes - sent));
      stop();
      return;
    }
    sent += chunk.length;
    res.write(chunk);
  });
  out.on('end', stop);
  raw.on('error', stop);
  res.on('close', stop);
}
