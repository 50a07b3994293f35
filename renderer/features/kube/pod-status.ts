import type { PodRow } from '../../../electron/shared/contract';

export type PodTone = 'ok' | 'done' | 'pending' | 'bad' | 'unknown';

// kubectl's STATUS text for trouble: waiting reasons a container is stuck in, and terminated reasons.
const BAD = new Set([
  'CrashLoopBackOff',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'OOMKilled',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'Evicted',
  'Failed',
  'NodeLost',
  'UnexpectedAdmissionError',
]);

/** The colour of a STATUS text: green running, grey completed, amber on its way, red in trouble. */
export function podTone(row: PodRow): PodTone {
  const status = row.status;
  if (BAD.has(status) || status.startsWith('Init:Error') || status.startsWith('Init:CrashLoop')) return 'bad';
  if (status === 'Running') return row.ready.startsWith('0/') ? 'pending' : 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Unknown') return 'unknown';
  if (row.phase === 'Failed') return 'bad';
  // Pending, ContainerCreating, PodInitializing, Init:0/1, Terminating, NotReady …
  return 'pending';
}

/** Most alive first, trouble next, then what is on its way, then what finished. */
export const TONE_RANK: Record<PodTone, number> = { ok: 0, bad: 1, pending: 2, unknown: 3, done: 4 };
