import type { TerminalShortcut } from './terminal-view';

/** What a key in the terminal does: goes to the program, is left to the browser, or is Bosun's. */
export type KeyAction = 'terminal' | 'browser' | TerminalShortcut;

type KeyFacts = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

function platformName(): string {
  return typeof navigator === 'undefined' ? '' : navigator.platform;
}

/**
 * Decides a key before xterm sees it. Ctrl+Shift+V and Ctrl+Shift+C (and Ctrl+V on Windows, as
 * Windows Terminal does) are left to the browser, whose paste and copy events xterm handles itself,
 * with bracketed paste when the program asked for it; plain Ctrl+V stays "insert literally" for the
 * shell elsewhere. Zoom and search keys are Bosun's.
 */
export function keyAction(event: KeyFacts, platform: string = platformName()): KeyAction {
  const mac = /Mac|iPhone|iPad/.test(platform);
  const modifier = mac ? event.metaKey : event.ctrlKey;
  if (!modifier || event.altKey) return 'terminal';
  const key = event.key.toLowerCase();
  if (key === '=' || key === '+') return 'zoom-in';
  // Ctrl+_ (Shift) stays readline's undo.
  if (key === '-' && !event.shiftKey) return 'zoom-out';
  if (key === '0' && !event.shiftKey) return 'zoom-reset';
  if (key === 'f' && (mac || event.shiftKey)) return 'search';
  if ((key === 'v' || key === 'c') && (mac || event.shiftKey)) return 'browser';
  if (key === 'v' && /Win/.test(platform)) return 'browser';
  return 'terminal';
}
