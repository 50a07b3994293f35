import type { TerminalSession } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import {
  openTerminal,
  type OpenRequest,
  type PodOpenRequest,
  type TerminalEnd,
  type TerminalHandle,
} from '../../../electron/shared/terminal/terminal-client';
import type { BosunClient } from '../../api/client';
import type { TerminalSize, TerminalView } from './terminal-view';

// A panel that never got laid out (hidden before it showed) still gets a session, at the default size.
const FIRST_FIT_WAIT_MS = 1_500;

/** What one run of a session tells its tab. Nothing is called once `current()` turns false. */
export interface SessionEvents {
  /** False once the tab closed or started another session: this run's answers are stale then. */
  current(): boolean;
  progress(message: string): void;
  opened(handle: TerminalHandle): void;
  /** Also when it ends before terminal.open answered (the session is then given for the status strip). */
  ended(end: TerminalEnd, session: TerminalSession | undefined): void;
  failed(error: AppError): void;
}

function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', 'Opening the terminal failed.');
}

function firstFit(view: TerminalView): Promise<TerminalSize> {
  return Promise.race([
    view.firstFit(),
    new Promise<TerminalSize>((resolve) => setTimeout(() => resolve(view.size()), FIRST_FIT_WAIT_MS)),
  ]);
}

/**
 * Opens one session into a screen: fits it first (the shell starts at the size it is shown at; a new
 * exec TTY is 0×0 until told), then opens through the shared terminal client, whose sink writes the
 * bytes into the screen and acknowledges them from its write callback (flow control).
 */
export async function runSession(
  client: BosunClient | undefined,
  view: TerminalView,
  request: (size: TerminalSize) => OpenRequest | PodOpenRequest,
  events: SessionEvents,
): Promise<void> {
  let size: TerminalSize;
  try {
    size = view.fit() ?? (await firstFit(view));
  } catch (error) {
    if (events.current()) events.failed(toAppError(error));
    return;
  }
  if (!events.current()) return;
  if (!client) {
    events.failed(new AppError('UNAVAILABLE', 'Bosun is not connected to its core.'));
    return;
  }
  let endedEarly: TerminalEnd | undefined;
  let handle: TerminalHandle | undefined;
  try {
    handle = await openTerminal(
      client,
      request(size),
      {
        // A stale session's bytes are acknowledged, never drawn.
        data: (bytes, done) => (events.current() ? view.write(bytes, done) : done()),
        progress: (message) => events.current() && events.progress(message),
        ended: (end) => {
          if (!handle) endedEarly = end;
          else if (events.current()) events.ended(end, handle.session);
        },
      },
      // Input, resize and ack fail only once the session is over, and its end says why.
      { onError: () => undefined },
    );
  } catch (error) {
    if (events.current()) events.failed(toAppError(error));
    return;
  }
  if (!events.current()) {
    void handle.close().catch(() => undefined);
    return;
  }
  if (endedEarly) {
    events.ended(endedEarly, handle.session);
    return;
  }
  // The screen may have been resized while the session opened.
  const now = view.size();
  handle.resize(now.cols, now.rows);
  events.opened(handle);
}
