import {
  MAX_TERMINAL_INPUT_BYTES,
  type Contract,
  type In,
  type TerminalOutput,
  type TerminalSession,
} from '../contract';
import { AppError } from '../errors';
import type { Client } from '../rpc/client';

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
  request: OpenRequest,
  sink: TerminalSink,
  options: OpenOptions = {},
): Promise<TerminalHandle> {
  const sessionId = crypto.randomUUID();
  const report = options.onError ?? (() => undefined);
  let unacked = 0;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  let over = false;

  const flushAck = (): void => {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    if (over || unacked === 0) return;
    const bytes = unacked;
    unacked = 0;
    client.call('terminal.ack', { sessionId, bytes }).catch(report);
  };
  const consumed = (n: number): void => {
    unacked += n;
    if (unacked >= ACK_EVERY_BYTES) flushAck();
    else ackTimer ??= setTimeout(flushAck, ACK_IDLE_MS);
  };
  const finish = (end: TerminalEnd): void => {
    if (over) return;
    over = true;
    clearTimeout(ackTimer);
    subscription.close();
    sink.ended(end);
  };

  const subscription = client.subscribe(
    'terminal.output',
    { sessionId },
    (payload) => {
      if (over) return;
      if (payload.type === 'data') {
        const n = payload.data.byteLength;
        sink.data(payload.data, () => consumed(n));
      } else if (payload.type === 'progress') sink.progress?.(payload.message);
      else finish(payload);
    },
    (error) =>
      finish({ type: 'ended', sessionId, reason: 'engine-lost', exitCode: null, message: error.message }),
  );
  let session: TerminalSession;
  try {
    await subscription.ready;
    session = await client.call(
      'terminal.open',
      { ...request, sessionId },
      { timeoutMs: OPEN_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (error) {
    over = true;
    subscription.close();
    throw error instanceof AppError ? error : new AppError('INTERNAL', String(error));
  }

  let size = { cols: request.cols, rows: request.rows };
  return {
    session,
    write(data) {
      if (over) return;
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      for (let at = 0; at < bytes.byteLength; at += MAX_TERMINAL_INPUT_BYTES) {
        // slice, not subarray: structured clone (IPC) would copy the whole underlying buffer of a view.
        const chunk = bytes.slice(at, at + MAX_TERMINAL_INPUT_BYTES);
        client.call('terminal.input', { sessionId, data: chunk }).catch(report);
      }
    },
    resize(cols, rows) {
      if (over || (cols === size.cols && rows === size.rows)) return;
      size = { cols, rows };
      client.call('terminal.resize', { sessionId, cols, rows }).catch(report);
    },
    async close() {
      if (over) return;
      try {
        await client.call('terminal.close', { sessionId });
      } finally {
        finish({ type: 'ended', sessionId, reason: 'closed', exitCode: null, message: 'Session closed.' });
      }
    },
  };
}
