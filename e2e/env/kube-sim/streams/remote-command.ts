// The part exec and attach share: client frames to the process (stdin, resize, v5 close), the process's
// output to channels 1/2, and one Status on channel 3 before a normal close — the kubelet's order.
import type { Duplex } from 'node:stream';
import { Channel, type Frame } from './channel-codec';
import { ProcessOutput } from './output-demux';
import { internalErrorStatus, statusFrame, type ChannelStatus } from './status';
import type { ChannelConn } from './ws-session';

export interface StreamOptions {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly tty: boolean;
}

/** A started exec or attach on the engine. */
export interface RemoteProcess {
  readonly stream: Duplex;
  /** True when the output carries the engine's 8-byte headers (no TTY). */
  readonly multiplexed: boolean;
  /** Watch for the engine's in-band "could not start" frame (exec only). */
  readonly sniffStartFailure: boolean;
  resize(width: number, height: number): Promise<void>;
  /** The Status once the output ended (`output.end` must be called, it flushes what was held). */
  conclude(output: ProcessOutput): Promise<ChannelStatus>;
}

/**
 * Parses the resize channel's `{"Width":W,"Height":H}`; undefined when malformed. Keys match without
 * regard to case, as Go's encoding/json matches them (client-node sends `{"width":…,"height":…}`).
 */
export function parseSize(payload: Buffer): { width: number; height: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const field = (name: string): unknown =>
    Object.entries(value).find(([key]) => key.toLowerCase() === name)?.[1];
  const width = field('width');
  const height = field('height');
  if (!Number.isInteger(width) || !Number.isInteger(height)) return undefined;
  if ((width as number) < 1 || (height as number) < 1) return undefined;
  return { width: Math.min(width as number, 65535), height: Math.min(height as number, 65535) };
}

/**
 * Runs `start` and bridges it to `conn` until the process's output ends (then Status and close) or the
 * client goes away (then the engine stream is dropped). Frames that arrive before the engine answered
 * are kept and delivered in order.
 */
export function runRemoteCommand(
  conn: ChannelConn,
  options: StreamOptions,
  start: () => Promise<RemoteProcess>,
  startError: (error: unknown) => ChannelStatus = (error) =>
    internalErrorStatus(error instanceof Error ? error.message : String(error)),
): void {
  const pending: Frame[] = [];
  let process: RemoteProcess | undefined;
  let stdinClosed = false;
  let awaitingDrain = false;

  const deliver = (proc: RemoteProcess, frame: Frame): void => {
    if (frame.channel === Channel.Stdin) {
      if (!options.stdin || stdinClosed || frame.payload.length === 0) return;
      if (!proc.stream.write(frame.payload) && !awaitingDrain) {
        awaitingDrain = true;
        conn.pauseInput();
        proc.stream.once('drain', () => {
          awaitingDrain = false;
          conn.resumeInput();
        });
      }
    } else if (frame.channel === Channel.Resize) {
      if (conn.flavor.version < 3 || !options.tty) return;
      const size = parseSize(frame.payload);
      if (size) {
        latestSize = size;
        void applyLatestSize(proc);
      }
    } else if (frame.channel === Channel.Close && conn.flavor.version >= 5) {
      if (frame.payload[0] === Channel.Stdin && options.stdin && !stdinClosed) {
        stdinClosed = true;
        // Half-close: the process reads EOF, its output keeps flowing.
        proc.stream.end();
      }
    }
  };

  // Resizes are applied one at a time, and only the newest waiting one: a slow (retried) resize must
  // never land after a newer one, as the kubelet also applies them in order.
  let latestSize: { width: number; height: number } | undefined;
  let resizing = false;
  const applyLatestSize = async (proc: RemoteProcess): Promise<void> => {
    if (resizing) return;
    resizing = true;
    try {
      while (latestSize) {
        const size = latestSize;
        latestSize = undefined;
        await proc.resize(size.width, size.height).catch(() => undefined);
      }
    } finally {
      resizing = false;
    }
  };

  conn.onFrame((frame) => {
    if (process) deliver(process, frame);
    else pending.push(frame);
  });

  const finish = (status: ChannelStatus): void => {
    const frame = statusFrame(conn.flavor, status);
    if (frame !== undefined) conn.sendMessage(frame);
    conn.close();
  };

  void (async () => {
    let proc: RemoteProcess;
    try {
      proc = await start();
    } catch (error) {
      finish(startError(error));
      return;
    }
    if (!conn.open) {
      proc.stream.destroy();
      return;
    }
    process = proc;
    conn.onClose(() => proc.stream.destroy());
    const output = new ProcessOutput(
      proc.multiplexed,
      (channel, bytes) => {
        if ((channel === 1 && options.stdout) || (channel === 2 && options.stderr)) {
          conn.send(channel, bytes, proc.stream);
        }
      },
      proc.sniffStartFailure,
    );
    const ended = new Promise<void>((resolve) => {
      proc.stream.once('end', resolve);
      proc.stream.once('close', resolve);
      proc.stream.on('error', () => resolve());
    });
    proc.stream.on('data', (chunk: Buffer) => output.push(chunk));
    for (const frame of pending.splice(0)) deliver(proc, frame);
    await ended;
    if (!conn.open) return;
    let status: ChannelStatus;
    try {
      status = await proc.conclude(output);
    } catch (error) {
      status = startError(error);
    }
    if (conn.open) finish(status);
  })();
}
