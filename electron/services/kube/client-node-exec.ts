import type { IncomingMessage } from 'node:http';
import { Duplex, Readable, Writable } from 'node:stream';
import {
  CoreV1Api,
  Exec,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
  type V1Status,
} from '@kubernetes/client-node';
// Not re-exported by the package index; its constructor is how a socket factory is given to Exec.
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import WebSocket from 'ws';
import { AppError } from '../../shared/errors';
import type { TtyProcess } from '../containers/exec-engine';
import { failure } from '../containers/engine-errors';
import type { PodContainerRef, PodExecSpec } from './kube-cluster';
import { kubeCall, translateKubeError, type ClusterWhere } from './kube-errors';
import type { PodLike } from './pod-row';

const CALL_MS = 15_000;
const OPEN_MS = 30_000;
const STDIN = 0;
const RESIZE = 4;
const CLOSE = 255;
const RESIZE_SETTLE_MS = 400;
/** Most of an error answer read for its Status message. */
const ERROR_BODY_MAX = 16 * 1024;

/**
 * The exit code a finished exec's Status says: Success is 0, NonZeroExitCode carries it as the ExitCode
 * cause. A runtime that could not start the command at all answers a plain Failure: "not found" reads
 * as 127 and anything else as 126, as a shell and `docker exec` report them.
 */
export function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  if (status.reason === 'NonZeroExitCode' && Number.isInteger(code)) return code;
  return /not found|no such file/i.test(status.message ?? '') ? 127 : 126;
}

/** A frame of the channel protocol: the channel byte, then the payload. */
function frame(channel: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(payload.byteLength + 1);
  out[0] = channel;
  out.set(payload, 1);
  return out;
}

interface HttpFailure extends Error {
  statusCode: number;
  body: string;
}

/**
 * Opens the socket as client-node would, but reads the body of a refused upgrade (403, 400, 404):
 * its Status message is what people need, and `ws` alone reports only the HTTP code.
 */
function socketFactory(uri: string, protocols: string[], options: WebSocket.ClientOptions): WebSocket {
  const socket = new WebSocket(uri, protocols, options);
  socket.on('unexpected-response', (request, response: IncomingMessage) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < ERROR_BODY_MAX) chunks.push(chunk);
      size += chunk.length;
    });
    response.on('end', () => {
      const error = new Error(`HTTP ${response.statusCode ?? 0}`) as HttpFailure;
      error.statusCode = response.statusCode ?? 0;
      error.body = Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_MAX);
      socket.emit('error', error);
      request.destroy();
    });
  });
  return socket;
}

/** ws hands `onerror` an ErrorEvent: the error itself is inside. */
function unwrap(error: unknown): unknown {
  const inner =
    typeof error === 'object' && error !== null ? (error as { error?: unknown }).error : undefined;
  return inner instanceof Error ? inner : error;
}

/**
 * Exec and pod reads on client-node: the exec WebSocket (client-node negotiates v5.channel.k8s.io,
 * then v4), bytes both ways untouched, the TTY size on channel 4, the exit Status on channel 3.
 */
export class ClientNodeExec {
  private readonly runner: Exec;
  private readonly core: CoreV1Api;

  constructor(
    config: KubeConfig,
    private readonly where: ClusterWhere,
    private readonly withSignal: (signal: AbortSignal) => ConfigurationOptions<ObservableMiddleware>,
  ) {
    this.runner = new Exec(config, new WebSocketHandler(config, socketFactory));
    this.core = config.makeApiClient(CoreV1Api);
  }

  readPodStatus(namespace: string, name: string, signal?: AbortSignal): Promise<PodLike> {
    return kubeCall(this.where, 'read pod', CALL_MS, signal, (s) =>
      this.core.readNamespacedPod({ namespace, name }, this.withSignal(s)),
    );
  }

  async exec(target: PodContainerRef, spec: PodExecSpec, signal?: AbortSignal): Promise<TtyProcess> {
    let socket: WebSocket | undefined;
    let settled: ((code: number | null) => void) | undefined;
    const exit = new Promise<number | null>((resolve) => (settled = resolve));
    let paused = false;
    const stream = new Duplex({
      read: () => {
        if (paused && socket) {
          paused = false;
          socket.resume();
        }
      },
      write: (chunk: Buffer, _encoding, done) => {
        if (socket?.readyState !== WebSocket.OPEN) {
          done(new AppError('CONFLICT', 'The exec session is over.'));
          return;
        }
        socket.send(frame(STDIN, chunk), done);
      },
      final: (done) => {
        // v5 can close stdin alone; v4 cannot, so its socket stays open until the process ends.
        if (socket?.readyState === WebSocket.OPEN && socket.protocol === 'v5.channel.k8s.io')
          socket.send(Buffer.from([CLOSE, STDIN]));
        done();
      },
      destroy: (error, done) => {
        socket?.close();
        done(error);
      },
    });
    // client-node writes each output frame here (Buffers, never decoded) and ends it on the Status.
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!stream.push(chunk) && socket && !paused) {
          paused = true;
          socket.pause();
        }
        done();
      },
      final: (done) => {
        stream.push(null);
        done();
      },
    });
    const opened = this.runner.exec(
      target.namespace,
      target.pod,
      // client-node leaves the container out of the query when it is undefined: the server's default.
      target.container as string,
      [...spec.command],
      output,
      null,
      // Asks the server for stdin; input is sent straight on the socket (write above), so this stays empty.
      spec.stdin ? new Readable({ read: () => undefined }) : null,
      spec.tty,
      (status) => settled?.(exitCodeOf(status)),
    );
    try {
      socket = (await withDeadline(opened, signal, this.where)) as unknown as WebSocket;
    } catch (error) {
      void opened.then((late) => late.close()).catch(() => undefined);
      throw this.refused(unwrap(error), target);
    }
    socket.on('close', () => {
      settled?.(null);
      if (!output.writableEnded) output.end();
    });
    const open = socket;
    let trailing: NodeJS.Timeout | undefined;
    const sendSize = (cols: number, rows: number): void => {
      if (open.readyState === WebSocket.OPEN)
        open.send(frame(RESIZE, Buffer.from(JSON.stringify({ Width: cols, Height: rows }))));
    };
    open.once('close', () => clearTimeout(trailing));
    return {
      stream,
      resize: async (cols, rows) => {
        sendSize(cols, rows);
        // A size sent before the process has its TTY can be lost or applied late, out of order with the
        // next one (the runtime applies each on its own): the latest is sent once more when they settle.
        clearTimeout(trailing);
        trailing = setTimeout(() => sendSize(cols, rows), RESIZE_SETTLE_MS);
        trailing.unref();
      },
      exitCode: () => exit,
    };
  }

  private refused(error: unknown, target: PodContainerRef): AppError {
    const translated = translateKubeError(error, this.where);
    if (translated.code !== 'PERMISSION_DENIED' || translated.details?.status !== 403) return translated;
    return failure(
      'PERMISSION_DENIED',
      `User ${this.where.user ?? '(none)'} may not open a shell in pod ${target.namespace}/${target.pod} on ${this.where.context}: RBAC does not allow create pods/exec in namespace ${target.namespace}.`,
      'Ask a cluster admin for the pods/exec permission in this namespace (kubectl auth can-i create pods/exec).',
      { status: 403 },
    );
  }
}

/** The open has a deadline and follows the caller's signal; the exec itself runs as long as it lasts. */
function withDeadline<T>(
  opened: Promise<T>,
  signal: AbortSignal | undefined,
  where: ClusterWhere,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          failure(
            'TIMEOUT',
            `${where.context} (${where.server}) did not open the exec stream within ${OPEN_MS / 1000} s.`,
            'The API server or the node may be overloaded; retry.',
          ),
        ),
      OPEN_MS,
    );
    const abort = (): void =>
      reject(signal?.reason instanceof AppError ? signal.reason : new AppError('CANCELLED', 'Cancelled.'));
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    opened.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    });
  });
}
