import {
  MAX_TERMINAL_INPUT_BYTES,
  type Contract,
  type In,
  type TerminalOutput,
  type TerminalSession,
} from '../contract';
import type { AppError } from '../errors';
import type { Client } from '../rpc/client';
import { StreamSession } from '../rpc/stream-session';

export type TerminalEnd = Extract<TerminalOutput, { type: 'ended' }>;

/** Where a session's output goes: an xterm in the renderer, stdout in the CLI, a counter in the bench. */
export interface TerminalSink {
  /**
   * Output bytes, exactly as the program wrote them. Call `done` once they are rendered or written:
   * that is what lets the core send more (flow control), so a slow consumer is never flooded.
   */
  data(bytes: Uint8Array, done: () => void): void;
  /** A step of a long open (building the toolbox), before any output. */
  progress?(message: string): void;
  /** Called once, last. */
  ended(end: TerminalEnd): void;
}

export interface TerminalHandle {
  readonly session: TerminalSession;
  /** Keystrokes (xterm's onData strings) or bytes; large pastes are split to the input limit. */
  write(data: string | Uint8Array): void;
  resize(cols: number, rows: number): void;
  close(): Promise<void>;
}

export type OpenRequest = Omit<In<'terminal.open'>, 'sessionId'>;
/** A shell in a pod's container (terminal.openPod): told apart from a container's by its clusterId. */
export type PodOpenRequest = Omit<In<'terminal.openPod'>, 'sessionId'>;

export interface OpenOptions {
  /** Failures of input, resize and ack calls (the session may have ended meanwhile). */
  readonly onError?: (error: AppError) => void;
  readonly signal?: AbortSignal;
}

/** Acks are batched: one call per this many rendered bytes, or after a short idle. */
export const ACK_EVERY_BYTES = 64 * 1024;
const ACK_IDLE_MS = 50;
// The core may spend minutes building the toolbox image; it streams progress meanwhile.
const OPEN_TIMEOUT_MS = 190_000;

const encoder = new TextEncoder();

/**
 * Opens a terminal session: subscribes to its output first (so no byte is missed), then opens it.
 * The renderer, the CLI and the bench all go through here, so flow control works the same everywhere.
 */
export async function openTerminal(
  client: Client<Contract>,
  request: OpenRequest | PodOpenRequest,
  sink: TerminalSink,
  options: OpenOptions = {},
): Promise<TerminalHandle> {
  const sessionId = crypto.randomUUID();
  const report = options.onError ?? (() => undefined);
  const stream: StreamSession<'terminal.output', TerminalEnd> = new StreamSession({
    client,
    topic: 'terminal.output',
    params: { sessionId },
    onPayload: (payload) => {
      if (payload.type === 'data') {
        const n = payload.data.byteLength;
        sink.data(payload.data, () => stream.consumed(n));
      } else if (payload.type === 'progress') sink.progress?.(payload.message);
      else stream.finish(payload);
    },
    onLost: (error) =>
      stream.finish({
        type: 'ended',
        sessionId,
        reason: 'engine-lost',
        exitCode: null,
        message: error.message,
      }),
    onEnd: (end) => sink.ended(end),
    ack: {
      every: ACK_EVERY_BYTES,
      idleMs: ACK_IDLE_MS,
      send: (bytes) => void client.call('terminal.ack', { sessionId, bytes }).catch(report),
    },
  });
  const call = { timeoutMs: OPEN_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) };
  const session = await stream.open(() =>
    'clusterId' in request
      ? client.call('terminal.openPod', { ...request, sessionId }, call)
      : client.call('terminal.open', { ...request, sessionId }, call),
  );

  let size = { cols: request.cols, rows: request.rows };
  return {
    session,
    write(data) {
      if (stream.ended) return;
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      for (let at = 0; at < bytes.byteLength; at += MAX_TERMINAL_INPUT_BYTES) {
        // slice, not subarray: structured clone (IPC) would copy the whole underlying buffer of a view.
        const chunk = bytes.slice(at, at + MAX_TERMINAL_INPUT_BYTES);
        client.call('terminal.input', { sessionId, data: chunk }).catch(report);
      }
    },
    resize(cols, rows) {
      if (stream.ended || (cols === size.cols && rows === size.rows)) return;
      size = { cols, rows };
      client.call('terminal.resize', { sessionId, cols, rows }).catch(report);
    },
    close: () =>
      stream.close(() => client.call('terminal.close', { sessionId }), {
        type: 'ended',
        sessionId,
        reason: 'closed',
        exitCode: null,
        message: 'Session closed.',
      }),
  };
}
