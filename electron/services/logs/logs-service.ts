import type { LogsOutput, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { explainLogEnd } from './explain-log-end';
import { DEFAULT_LOG_FLOW, LogSession, type LogFlowOptions } from './logs-session';
import { readPage } from './read-page';

/** Like terminals: enough for anyone, and a bound so one client cannot hold engine streams without end. */
export const MAX_LOG_STREAMS_PER_CLIENT = 64;

export interface LogsServiceDeps {
  readonly engines: EngineDirectory;
  readonly publish: (output: LogsOutput) => void;
  readonly flow?: LogFlowOptions;
}

/** What the event bus asks before and after a logs.output subscription (its SubscriptionGuard). */
export interface LogsOutputGuard {
  admit(params: { readonly streamId: string }, clientId: string): AppError | undefined;
  release(params: { readonly streamId: string }, clientId: string): void;
}

/**
 * Container log streams, each owned by the client that opened it (only it receives the lines; all of
 * a client's streams end when it goes away), and paging backwards through a container's log.
 */
export class LogsService {
  private readonly sessions = new Map<string, LogSession>();
  /** logs.output subscriptions per stream id, and whose: the first subscriber claims an unused id. */
  private readonly claims = new Map<string, { clientId: string; subscriptions: number }>();
  private disposed = false;

  constructor(private readonly deps: LogsServiceDeps) {}

  async open(
    input: ParsedIn<'logs.open'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'logs.open'>> {
    const { streamId } = input;
    this.admitOpen(streamId, clientId);
    const view = await requireConnection(this.deps.engines, input.connectionId);
    const engine = view.liveEngine();
    // Again after the wait: another open of this id (or of this client) may have come meanwhile.
    this.admitOpen(streamId, clientId);
    const session = new LogSession(
      streamId,
      clientId,
      {
        publish: this.deps.publish,
        explainEnd: (error) =>
          explainLogEnd(engine.logs, input.containerId, { follow: input.follow, until: input.until }, error),
        onOver: () => {
          if (this.sessions.get(streamId) === session) this.sessions.delete(streamId);
        },
      },
      this.deps.flow ?? DEFAULT_LOG_FLOW,
    );
    // In the map before the engine call: the limit and duplicate checks count streams being opened.
    this.sessions.set(streamId, session);
    try {
      const source = await engine.logs.open(
        input.containerId,
        {
          stdout: input.stdout,
          stderr: input.stderr,
          follow: input.follow,
          ...(input.tail !== undefined ? { tail: input.tail } : {}),
          ...(input.since !== undefined ? { since: input.since } : {}),
          ...(input.until !== undefined ? { until: input.until } : {}),
        },
        session,
        signal,
      );
      session.attach(source);
      if (this.disposed) session.close();
      return { streamId, tty: source.tty };
    } catch (error) {
      if (this.sessions.get(streamId) === session) this.sessions.delete(streamId);
      throw error instanceof AppError ? error : new AppError('INTERNAL', 'Opening the log stream failed.');
    }
  }

  /**
   * The client took `lines` more. A stream that is over, or is not this client's, is left alone and
   * answered the same (an ack may cross the stream's end; ids are not for probing).
   */
  ack(streamId: string, lines: number, clientId: string): null {
    this.ownedOrNone(streamId, clientId)?.ack(lines);
    return null;
  }

  /** Ends a stream; closing one that is already over is not an error. */
  close(streamId: string, clientId: string): null {
    this.ownedOrNone(streamId, clientId)?.close();
    return null;
  }

  async page(input: ParsedIn<'logs.page'>, signal?: AbortSignal): Promise<Out<'logs.page'>> {
    const engine = (await requireConnection(this.deps.engines, input.connectionId)).liveEngine();
    return readPage(engine.logs, input, signal);
  }

  /**
   * Who may read a stream's lines (the bus guard of logs.output): its owner only. Another client is
   * answered as if the stream did not exist, so lines never reach a client that did not open them.
   */
  readonly outputGuard: LogsOutputGuard = {
    admit: ({ streamId }, clientId) => this.admit(streamId, clientId),
    release: ({ streamId }) => this.release(streamId),
  };

  /** The client went away: its streams end. */
  closeClient(clientId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.clientId === clientId) session.close();
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const session of [...this.sessions.values()]) session.close();
  }

  get streamCount(): number {
    return this.sessions.size;
  }

  /** For tests and the bench: the flow-control state of a stream. */
  flow(streamId: string): { sent: number; unacked: number; paused: boolean } | undefined {
    return this.sessions.get(streamId)?.flow;
  }

  private admitOpen(streamId: string, clientId: string): void {
    if (this.disposed) throw new AppError('UNAVAILABLE', 'The Bosun core is shutting down.');
    if (this.sessions.has(streamId)) {
      throw new AppError('CONFLICT', `A log stream with id ${streamId} already exists.`);
    }
    if (this.claims.get(streamId)?.clientId !== clientId) {
      throw new AppError(
        'CONFLICT',
        'Subscribe to logs.output with this stream id before opening it, so no line is lost.',
      );
    }
    if (this.countFor(clientId) >= MAX_LOG_STREAMS_PER_CLIENT) {
      throw new AppError(
        'CONFLICT',
        `This window already has ${MAX_LOG_STREAMS_PER_CLIENT} log streams open: close some first.`,
      );
    }
  }

  private admit(streamId: string, clientId: string): AppError | undefined {
    const owner = this.sessions.get(streamId)?.clientId ?? this.claims.get(streamId)?.clientId;
    if (owner !== undefined && owner !== clientId) {
      return new AppError('NOT_FOUND', 'There is no such log stream.');
    }
    const claim = this.claims.get(streamId);
    if (claim) claim.subscriptions++;
    else this.claims.set(streamId, { clientId, subscriptions: 1 });
    return undefined;
  }

  private release(streamId: string): void {
    const claim = this.claims.get(streamId);
    if (claim && --claim.subscriptions <= 0) this.claims.delete(streamId);
  }

  private ownedOrNone(streamId: string, clientId: string): LogSession | undefined {
    const session = this.sessions.get(streamId);
    return session?.clientId === clientId ? session : undefined;
  }

  private countFor(clientId: string): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.clientId === clientId) n++;
    return n;
  }
}
