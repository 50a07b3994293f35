import type {
  In,
  Payload,
  TerminalEndReason,
  TerminalFix,
  TerminalSession,
} from '../../electron/shared/contract';

type Emit = (topic: 'terminal.output', payload: Payload<'terminal.output'>) => void;

/** What the fake core keeps of one opened session. */
export interface FakeTerminalSession {
  readonly request: In<'terminal.open'>;
  readonly inputs: Uint8Array[];
  readonly resizes: Array<{ cols: number; rows: number }>;
  acked: number;
  closed: boolean;
}

/** The fixes a Debian image gets, as the core labels them. */
export const FIXES: readonly TerminalFix[] = [
  { id: 'term', applied: true, label: 'TERM=xterm-256color' },
  { id: 'locale', applied: true, label: 'UTF-8 locale (C.UTF-8)' },
  { id: 'timezone', applied: true, label: 'TZ=Europe/Paris' },
  { id: 'home', applied: false, label: 'HOME is set' },
  { id: 'prompt', applied: true, label: 'prompt' },
  { id: 'keyboard', applied: true, label: 'stty iutf8 erase ^?' },
];

/** bash as root with every fix the request did not turn off; attach is read-only unless asked. */
export function defaultSession(request: In<'terminal.open'>): TerminalSession {
  const mode = request.mode ?? 'shell';
  const disabled = request.disabledFixes ?? [];
  return {
    sessionId: request.sessionId,
    mode,
    shell: mode === 'attach' ? null : mode === 'toolbox' ? '/bin/sh' : '/bin/bash',
    user: request.user ?? 'root',
    fixes:
      mode === 'attach'
        ? []
        : FIXES.map((fix) => (disabled.includes(fix.id) ? { ...fix, applied: false } : fix)),
    writable: mode === 'attach' ? Boolean(request.writable) : true,
    ...(mode === 'toolbox' ? { toolbox: { image: 'bosun/toolbox:1', containerId: 'f'.repeat(64) } } : {}),
  };
}

const decoder = new TextDecoder();

/** The terminal side of the fake core: records sessions and plays their output, progress and end. */
export class FakeTerminals {
  readonly sessions: FakeTerminalSession[] = [];
  /** Answers terminal.open: replace it to fail (throw an AppError) or to hold the answer (a promise). */
  answer: (request: In<'terminal.open'>) => TerminalSession | Promise<TerminalSession> = defaultSession;

  constructor(private readonly emit: Emit) {}

  /** Holds the next terminal.open answers (the default session) until the returned function is called. */
  holdOpen(): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.answer = async (request) => {
      await held;
      return defaultSession(request);
    };
    return release;
  }

  async open(request: In<'terminal.open'>): Promise<TerminalSession> {
    const session = await this.answer(request);
    this.sessions.push({ request, inputs: [], resizes: [], acked: 0, closed: false });
    return session;
  }

  input({ sessionId, data }: In<'terminal.input'>): null {
    this.byId(sessionId).inputs.push(data);
    return null;
  }

  resize({ sessionId, cols, rows }: In<'terminal.resize'>): null {
    this.byId(sessionId).resizes.push({ cols, rows });
    return null;
  }

  ack({ sessionId, bytes }: In<'terminal.ack'>): null {
    this.byId(sessionId).acked += bytes;
    return null;
  }

  close({ sessionId }: In<'terminal.close'>): null {
    this.byId(sessionId).closed = true;
    return null;
  }

  last(): FakeTerminalSession {
    const session = this.sessions.at(-1);
    if (!session) throw new Error('No terminal session was opened.');
    return session;
  }

  byId(sessionId: string): FakeTerminalSession {
    const session = this.sessions.find((s) => s.request.sessionId === sessionId);
    if (!session) throw new Error(`No terminal session ${sessionId}.`);
    return session;
  }

  /** Everything typed into a session, decoded. */
  typed(sessionId: string): string {
    return this.byId(sessionId)
      .inputs.map((bytes) => decoder.decode(bytes))
      .join('');
  }

  output(sessionId: string, data: string | Uint8Array<ArrayBuffer>): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.emit('terminal.output', { type: 'data', sessionId, data: bytes });
  }

  progress(sessionId: string, message: string): void {
    this.emit('terminal.output', { type: 'progress', sessionId, message });
  }

  end(
    sessionId: string,
    reason: TerminalEndReason = 'exited',
    exitCode: number | null = 0,
    message = 'The shell exited.',
  ): void {
    this.emit('terminal.output', { type: 'ended', sessionId, reason, exitCode, message });
  }
}
