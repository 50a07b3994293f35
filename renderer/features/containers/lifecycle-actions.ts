import type { ContainerState, LifecycleAction } from '../../../electron/shared/contract';

/** What the bar, the row menu and the progress line call an action, and which containers it applies to. */
export interface ActionInfo {
  readonly label: string;
  /** "Stopping 3 of 5…" */
  readonly doing: string;
  readonly applies: (state: ContainerState) => boolean;
}

export type BulkAction = LifecycleAction | 'remove';

const up = (state: ContainerState): boolean =>
  state === 'running' || state === 'paused' || state === 'restarting';

/**
 * Which containers each action makes sense for: the rest are skipped and said to be skipped, instead
 * of coming back as a list of "not running" errors. The engine still has the last word (a race).
 */
export const ACTIONS: Record<BulkAction, ActionInfo> = {
  start: { label: 'Start', doing: 'Starting', applies: (s) => s === 'created' || s === 'exited' },
  stop: { label: 'Stop', doing: 'Stopping', applies: up },
  restart: {
    label: 'Restart',
    doing: 'Restarting',
    applies: (s) => s !== 'removing' && s !== 'dead',
  },
  // The engine refuses to kill a paused container ("unpause it first").
  kill: { label: 'Kill', doing: 'Signalling', applies: (s) => s === 'running' || s === 'restarting' },
  pause: { label: 'Pause', doing: 'Pausing', applies: (s) => s === 'running' },
  unpause: { label: 'Unpause', doing: 'Unpausing', applies: (s) => s === 'paused' },
  remove: { label: 'Remove', doing: 'Removing', applies: (s) => s !== 'removing' },
};

/** The order of the buttons and menu entries. */
export const ACTION_ORDER: readonly BulkAction[] = [
  'start',
  'stop',
  'restart',
  'kill',
  'pause',
  'unpause',
  'remove',
];

/** Running in the sense of "up": what removal without force refuses and the Running filter shows. */
export const isUp = up;
