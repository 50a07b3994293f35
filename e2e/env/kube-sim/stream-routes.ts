// Upgrade requests (exec, attach, portforward over WebSocket): authentication, RBAC and the pod and
// container lookups answer with a Status like the real server; then the stream handlers take over.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { authenticate } from './auth';
import type { SimContext } from './context';
import { containersOf } from './pod-spec';
import { ApiError, badRequest, notFound, type Json } from './status';
import {
  handleAttachUpgrade,
  handleExecUpgrade,
  handlePortForwardUpgrade,
  type StreamTarget,
} from './streams';

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/;

function writeStatus(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${error.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function pickContainer(
  pod: Json & { metadata: { name: string } },
  asked: string | null,
  kind: string,
): string {
  const name = pod.metadata.name;
  const regular = containersOf(pod as never).map((c) => c.name);
  const ephemeral = containersOf(pod as never, 'ephemeralContainers').map((c) => c.name);
  if (!asked) {
    if (regular.length === 1 || kind === 'portforward') return regular[0]!;
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${regular.join(' ')}] or one of the ephemeral containers: [${ephemeral.join(' ')}]`,
    );
  }
  if (!regular.includes(asked) && !ephemeral.includes(asked))
    throw badRequest(`container ${asked} is not valid for pod ${name}`);
  return asked;
}

export function handleUpgrade(ctx: SimContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    authenticate(req, ctx.token);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const m = PATH.exec(url.pathname);
    if (!m) throw new ApiError(400, 'Upgrade request required', 'BadRequest');
    const [, namespace, podName, kind] = m as unknown as [
      string,
      string,
      string,
      'exec' | 'attach' | 'portforward',
    ];
    ctx.rbac.check({
      verb: 'create',
      group: '',
      resource: 'pods',
      subresource: kind,
      namespace,
      name: podName,
    });
    const pod = ctx.store.get('pods', namespace, podName);
    if (!pod) throw notFound('pods', podName);
    const phase = (pod.status as Json | undefined)?.phase;
    if (kind !== 'portforward' && (phase === 'Succeeded' || phase === 'Failed')) {
      throw badRequest(
        `cannot ${kind} into a container in a completed pod; current phase is ${String(phase)}`,
      );
    }
    const container = pickContainer(pod as never, url.searchParams.get('container'), kind);
    const containerId = ctx.pods.containerId(namespace, podName, container);
    if (!containerId) throw badRequest(`unable to upgrade connection: container not found ("${container}")`);
    // Protocol negotiation comes after the checks, so a SPDY client (kubectl falls back to SPDY when a
    // WebSocket upgrade fails) still hears the real reason first.
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      throw badRequest(
        'unable to upgrade connection: this server speaks only WebSocket streams (v5.channel.k8s.io, v4.channel.k8s.io)',
      );
    }
    const target: StreamTarget = {
      namespace,
      pod: podName,
      container,
      containerId,
      podIP: String((pod.status as Json | undefined)?.podIP ?? ''),
    };
    const deps = { dockerSocketPath: ctx.dockerSocketPath };
    if (kind === 'exec') handleExecUpgrade(req, socket, head, target, url.searchParams, deps);
    else if (kind === 'attach') handleAttachUpgrade(req, socket, head, target, url.searchParams, deps);
    else handlePortForwardUpgrade(req, socket, head, target, url.searchParams, deps);
  } catch (error) {
    writeStatus(socket, error instanceof ApiError ? error : new ApiError(500, String(error)));
  }
}

/** A plain (non-upgrade) request to a stream subresource. */
export function upgradeRequired(): ApiError {
  return new ApiError(400, 'Upgrade request required', 'BadRequest');
}
