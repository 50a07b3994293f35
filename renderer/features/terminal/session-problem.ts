import type { TerminalMode } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';
import type { TerminalEnd } from '../../../electron/shared/terminal/terminal-client';

/** Why a tab has no live session, said for people: what happened and what to do next. */
export interface SessionProblem {
  readonly kind: 'no-shell' | 'ended' | 'failed';
  readonly tone: 'info' | 'warning' | 'danger';
  readonly title: string;
  /** The core's own words. */
  readonly message: string;
  readonly hint: string | undefined;
  /** The image has no shell: the toolbox is the way in. */
  readonly offerToolbox: boolean;
}

// The core's messages say what happened and what to do (DESIGN.md §3); hints add only what the screen
// knows: where in the app to look next.

const NO_SHELL_TITLE = 'This image has no shell';

/** The core answers NOT_FOUND with details.reason 'no-shell' when the image has no shell to run. */
export function isNoShell(error: AppError): boolean {
  if (error.details?.['reason'] === 'no-shell') return true;
  return error.code === 'NOT_FOUND' && /\bno shell\b/i.test(error.message);
}

function noShell(message: string, mode: TerminalMode): SessionProblem {
  return {
    kind: 'no-shell',
    tone: 'warning',
    title: NO_SHELL_TITLE,
    message,
    hint: undefined,
    offerToolbox: mode !== 'toolbox',
  };
}

/** terminal.open failed: the container stopped (CONFLICT), is gone (NOT_FOUND), the engine is down (UNAVAILABLE)… */
export function openProblem(error: AppError, containerName: string, mode: TerminalMode): SessionProblem {
  if (isNoShell(error)) return noShell(error.message, mode);
  const failed = (title: string, hint: string | undefined): SessionProblem => ({
    kind: 'failed',
    tone: 'danger',
    title,
    message: error.message,
    hint,
    offerToolbox: false,
  });
  switch (error.code) {
    case 'CONFLICT':
      return failed(`${containerName} is not running`, undefined);
    case 'NOT_FOUND':
      return failed(
        `${containerName} is gone`,
        'It was removed, or re-created with a new id: open a terminal from its row in the table.',
      );
    case 'UNAVAILABLE':
      return failed(
        'The engine is unavailable',
        'See the engine in the sidebar; try again once it is connected.',
      );
    case 'TIMEOUT':
      return failed('Opening the terminal took too long', undefined);
    case 'INVALID_ARGUMENT':
      return failed(
        'The terminal could not open with these options',
        'Check the user and working directory.',
      );
    case 'PERMISSION_DENIED':
      return failed('Not allowed', undefined);
    default:
      return failed('The terminal could not open', undefined);
  }
}

/** The session ended; its scrollback stays and it can be reopened in the same screen. */
export function endProblem(end: TerminalEnd, containerName: string, mode: TerminalMode): SessionProblem {
  const ended = (tone: SessionProblem['tone'], title: string, hint: string | undefined): SessionProblem => ({
    kind: 'ended',
    tone,
    title,
    message: end.message,
    hint,
    offerToolbox: false,
  });
  switch (end.reason) {
    case 'no-shell':
      return noShell(end.message, mode);
    case 'exited': {
      const what = mode === 'attach' ? 'The main process ended' : 'The shell exited';
      const code = end.exitCode === null ? '' : ` (exit code ${end.exitCode})`;
      return ended(end.exitCode ? 'warning' : 'info', `${what}${code}`, undefined);
    }
    case 'container-gone':
      return ended('warning', `${containerName} stopped`, undefined);
    case 'engine-lost':
      return ended('danger', 'The connection was lost', 'Reopen once the engine is connected again.');
    case 'closed':
      return ended('info', 'Session closed', undefined);
  }
}
