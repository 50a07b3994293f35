import type { Out, ParsedIn, TerminalOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { containerRunning, explainEnd } from './explain-end';
import type { KubeCluster } from '../kube/kube-cluster';
import { startPodShell } from './pod-shell';
import { startProcess, type StartDeps } from './start-process';
import { TerminalSession } from './terminal-session';

/** Enough tabs for anyone; a bound so one client cannot hold the engine's exec slots without end. */
export const MAX_SESSIONS_PER_CLIENT = 64;

export interface TerminalServiceDeps extends Omit<StartDeps, 'progress'> {
  readonly engines: EngineDirectory;
  readonly publish: (output: TerminalOutput) => void;
  /** The connected client of a Kubernetes cluster, for shells in pods. */
  readonly clusters?: (clusterId: string, signal: AbortSignal) => Promise<KubeCluster>;
}

type OpenInput = ParsedIn<'terminal.open'>;
type OpenPodInput = ParsedIn<'terminal.openPod'>;

/** What the event bus asks before and after a terminal.output subscription (its SubscriptionGuard). */
export interface OutputGuard {
  admit(params: { readonly sessionId: string }, clientId: string): AppError | undefined;
  release(params: { readonly sessionId: string }, clientId: string): void;
}

/**
 * Terminal sessions, each owned by the client that opened it: only that client can type into it,
 * and all of a client's sessions end when it goes away (a window closed, a CLI exited).
 */
export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  /** Ids being opened, with their owner: a duplicate id is refused before any engine work. */
  private readonly opening = new Map<string, string>();
  /** Output subscriptions per session id, and whose: the first subscriber claims an unused id. */
  private readonly claims = new Map<string, { clientId: string; subscriptions: number }>();
  private disposed = false;

  constructor(private readonly deps: TerminalServiceDeps) {}

  open(input: OpenInput, clientId: string, signal: AbortSignal): Promise<Out<'terminal.open'>> {
    return this.admit(input.sessionId, clientId, signal, () => this.session(input, clientId, signal));
  }

  /** A shell in a pod's container: the same session, pump and end handling as a container's. */
  openPod(input: OpenPodInput, clientId: string, signal: AbortSignal): Promise<Out<'terminal.openPod'>> {
    return this.admit(input.sessionId, clientId, signal, () => this.podSession(input, clientId, signal));
  }

  private async admit(
    sessionId: string,
    clientId: string,
    signal: AbortSignal,
    build: () => Promise<TerminalSession>,
  ): Promise<Out<'terminal.open'>> {
    if (this.sessions.has(sessionId) || this.opening.has(sessionId)) {
      throw new AppError('CONFLICT', `A terminal session with id ${sessionId} already exists.`);
    }
    if (this.claims.get(sessionId)?.clientId !== clientId) {
      throw new AppError(
        'CONFLICT',
        'Subscribe to terminal.output with this session id before opening it, so no output is lost.',
      );
    }
    if (this.countFor(clientId) >= MAX_SESSIONS_PER_CLIENT) {
      throw new AppError(
        'CONFLICT',
        `This window already has ${MAX_SESSIONS_PER_CLIENT} terminals open: close some first.`,
      );
    }
    this.opening.set(sessionId, clientId);
    try {
      const session = await build();
      if (this.disposed || signal.aborted) {
        await session.close();
        throw signal.reason instanceof AppError ? signal.reason : new AppError('CANCELLED', 'Cancelled.');
      }
      this.sessions.set(sessionId, session);
      await session.start();
      return session.info;
    } finally {
      this.opening.delete(sessionId);
    }
  }

  input(sessionId: string, data: Uint8Array, clientId: string): null {
    this.owned(sessionId, clientId).input(data);
    return null;
  }

  async resize(sessionId: string, cols: number, rows: number, clientId: string): Promise<null> {
    await this.owned(sessionId, clientId).resize(cols, rows);
    return null;
  }

  ack(sessionId: string, bytes: number, clientId: string): null {
    this.owned(sessionId, clientId).ack(bytes);
    return null;
  }

  async close(sessionId: string, clientId: string): Promise<null> {
    await this.owned(sessionId, clientId).close();
    return null;
  }

  /**
   * Who may read a session's output: its owner only. Another client is answered as if the session did
   * not exist (ids are not for probing), so output never reaches a client that did not open it.
   */
  readonly outputGuard: OutputGuard = {
    admit: ({ sessionId }, clientId) => {
      const owner =
        this.sessions.get(sessionId)?.clientId ??
        this.opening.get(sessionId) ??
        this.claims.get(sessionId)?.clientId;
      if (owner !== undefined && owner !== clientId) {
        return new AppError('NOT_FOUND', 'There is no such terminal session.');
      }
      const claim = this.claims.get(sessionId);
      if (claim) claim.subscriptions++;
      else this.claims.set(sessionId, { clientId, subscriptions: 1 });
      return undefined;
    },
    release: ({ sessionId }) => {
      const claim = this.claims.get(sessionId);
      if (claim && --claim.subscriptions <= 0) this.claims.delete(sessionId);
    },
  };

  /** The client went away: its sessions end (their sidecars are removed). */
  closeClient(clientId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.clientId === clientId) void session.close();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.sessions.values()].map((session) => session.close()));
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** For tests and the bench: the flow-control state of a session. */
  flow(sessionId: string): { sent: number; unacked: number; paused: boolean } | undefined {
    return this.sessions.get(sessionId)?.flow;
  }

  private async session(input: OpenInput, clientId: string, signal: AbortSignal): Promise<TerminalSession> {
    const view = await requireConnection(this.deps.engines, input.connectionId);
    const engine = view.liveEngine();
    const progress = (message: string): void =>
      this.deps.publish({ type: 'progress', sessionId: input.sessionId, message });
    const started = await startProcess(engine, input, { ...this.deps, progress }, signal);
    const { sessionId } = input;
    return new TerminalSession(
      started.info,
      clientId,
      started.process,
      { cols: input.cols, rows: input.rows },
      {
        publish: this.deps.publish,
        explainEnd: (facts) =>
          explainEnd(
            {
              mode: input.mode,
              process: started.process,
              isRunning: containerRunning(engine.exec, started.runsIn),
              containerName: started.targetName,
              endpoint: view.endpoint,
            },
            facts,
          ),
        cleanup: async () => {
          this.sessions.delete(sessionId);
          await started.cleanup();
        },
      },
    );
  }

  private async podSession(
    input: OpenPodInput,
    clientId: string,
    signal: AbortSignal,
  ): Promise<TerminalSession> {
    if (!this.deps.clusters)
      throw new AppError('INVALID_ARGUMENT', 'This build of Bosun cannot open terminals in pods.');
    const cluster = await this.deps.clusters(input.clusterId, signal);
    const started = await startPodShell(cluster, input, signal);
    const { sessionId } = input;
    return new TerminalSession(
      started.info,
      clientId,
      started.process,
      { cols: input.cols, rows: input.rows },
      {
        publish: this.deps.publish,
        explainEnd: (facts) =>
          explainEnd(
            {
              mode: 'shell',
              process: started.process,
              isRunning: () => started.isRunning(),
              containerName: started.targetName,
              endpoint: `cluster ${input.clusterId}`,
            },
            facts,
          ),
        cleanup: async () => {
          this.sessions.delete(sessionId);
        },
      },
    );
  }

  private owned(sessionId: string, clientId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    // Another client's session is answered like a missing one: ids are not for probing.
    if (!session || session.clientId !== clientId) {
      throw new AppError('NOT_FOUND', 'This terminal session is over. Reopen it to continue.');
    }
    return session;
  }

  private countFor(clientId: string): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.clientId === clientId) n++;
    for (const owner of this.opening.values()) if (owner === clientId) n++;
    return n;
  }
}
