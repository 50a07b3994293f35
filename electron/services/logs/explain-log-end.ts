import type { LogsEndReason } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { ContainerPresence, LogsEngine } from './logs-engine';

export interface EndFacts {
  readonly follow: boolean;
  readonly until?: string | undefined;
}

export interface LogEnd {
  readonly reason: LogsEndReason;
  readonly message: string;
}

/*
 * `docker rm -f` stops the container first (which ends a followed stream) and only then removes it:
 * an inspect right at the end may still find it stopped. One look again a moment later tells a
 * removal from a plain stop in practice; if the removal is slower still, the stream reads as stopped,
 * which is what it was when it ended.
 */
const RECHECK_MS = 250;

/** Why an engine's log stream ended: its error, or (following) whether the container stopped or went. */
export async function explainLogEnd(
  engine: Pick<LogsEngine, 'presence'>,
  containerId: string,
  facts: EndFacts,
  error: AppError | undefined,
  recheckMs = RECHECK_MS,
): Promise<LogEnd> {
  if (error) {
    if (error.code === 'NOT_FOUND') return gone(containerId);
    return { reason: 'engine-lost', message: error.message };
  }
  // Without follow, or up to a given time, the engine ends the stream once everything asked for was sent.
  if (!facts.follow || facts.until !== undefined) return { reason: 'complete', message: '' };
  let presence: ContainerPresence;
  try {
    presence = await engine.presence(containerId);
    if (presence === 'stopped') {
      await new Promise((resolve) => setTimeout(resolve, recheckMs));
      presence = await engine.presence(containerId);
    }
  } catch (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    return {
      reason: 'engine-lost',
      message: `The log stream ended and the engine could not be asked why: ${message}`,
    };
  }
  switch (presence) {
    case 'gone':
      return gone(containerId);
    case 'stopped':
      return {
        reason: 'complete',
        message:
          'The container stopped: its log is complete. Start it again and reopen the log to follow it.',
      };
    case 'running':
      return {
        reason: 'engine-lost',
        message:
          'The engine ended the log stream although the container still runs. Reopen the log to continue.',
      };
  }
}

function gone(containerId: string): LogEnd {
  return {
    reason: 'container-gone',
    message: `The container ${containerId.slice(0, 12)} was removed; its log is gone with it.`,
  };
}
