import { PassThrough, Writable } from 'node:stream';
import type { PortForward } from '@kubernetes/client-node';
import type { AppError } from '../../shared/errors';
import { translateKubeError, type ClusterWhere } from './kube-errors';

/** What one forwarded connection hears from the pod's side. */
export interface PodPortHandlers {
  /** Bytes from the pod's port. */
  onData(chunk: Buffer): void;
  /** The error channel's text, e.g. "… connect: connection refused" when nothing listens in the pod. */
  onRemoteError(message: string): void;
  /** The stream is over (either side closed it); called once. */
  onClose(): void;
}

/** One forwarded connection to a pod's port: one port-forward WebSocket with one data channel. */
export interface PodPortStream {
  send(chunk: Buffer): void;
  close(): void;
}

/** The parts of the `ws` WebSocket that client-node hands back, as this module uses them. */
interface OpenSocket {
  readonly readyState: number;
  once(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/**
 * Opens one connection to `port` of a pod through client-node's PortForward (the pods/portforward
 * WebSocket, v4.channel.k8s.io): data on channel 0, the kubelet's error text on channel 1. Rejects with
 * an AppError when the API server refuses the upgrade (RBAC, no such pod).
 */
export async function openPodPortStream(
  forwarder: PortForward,
  where: ClusterWhere,
  target: { readonly namespace: string; readonly pod: string; readonly port: number },
  handlers: PodPortHandlers,
): Promise<PodPortStream> {
  const input = new PassThrough();
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      handlers.onData(chunk);
      done();
    },
  });
  const errors = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString('utf8').trim();
      if (text) handlers.onRemoteError(text);
      done();
    },
  });
  let socket: OpenSocket;
  try {
    socket = (await forwarder.portForward(
      target.namespace,
      target.pod,
      [target.port],
      output,
      errors,
      input,
    )) as unknown as OpenSocket;
  } catch (error) {
    throw upgradeError(error, where, target);
  }
  let closed = false;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    input.destroy();
    handlers.onClose();
  };
  socket.on('error', () => finish());
  socket.once('close', finish);
  // 3 is CLOSED: the pod side may have hung up before the listeners were attached.
  if (socket.readyState === 3) finish();
  return {
    send: (chunk) => {
      if (!closed) input.write(chunk);
    },
    close: () => {
      if (!closed) socket.close();
      finish();
    },
  };
}

/** A refused upgrade comes back from `ws` as "Unexpected server response: 403"; read the status from it. */
function upgradeError(
  error: unknown,
  where: ClusterWhere,
  target: { readonly namespace: string; readonly pod: string },
): AppError {
  const message = error instanceof Error ? error.message : String(error);
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  if (status)
    return translateKubeError(
      { statusCode: Number(status), body: `port-forward to pod ${target.namespace}/${target.pod}` },
      where,
    );
  return translateKubeError(error, where);
}
