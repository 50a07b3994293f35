import { AppError } from '../../shared/errors';
import { failure, translateEngineError, type EngineWhere } from './engine-errors';

/** How a caller's failures read: a deadline that passed, anything the library threw. */
export interface CallTranslation {
  timeout(what: string, timeoutMs: number): AppError;
  error(error: unknown, what: string): AppError;
}

/**
 * Runs one call with a deadline and the caller's signal; whatever fails comes out as an AppError
 * (the translation's timeout, the caller's cancel reason, or the library's error translated). The
 * call's own signal is detached once it settles, so a hijacked connection (exec, attach) outlives the
 * deadline of its opening. Docker calls come through engineCall, Kubernetes calls through kubeCall.
 */
export async function callWithDeadline<T>(
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  translation: CallTranslation,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw cancelled(what, signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await call(controller.signal);
  } catch (error) {
    if (timedOut) throw translation.timeout(what, timeoutMs);
    if (signal?.aborted) throw cancelled(what, signal);
    if (error instanceof AppError) throw error;
    throw translation.error(error, what);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs one engine call with a deadline and the caller's signal (callWithDeadline). Every dockerode
 * adapter goes through here so a hung engine never hangs a caller.
 */
export function engineCall<T>(
  where: EngineWhere,
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return callWithDeadline(
    what,
    timeoutMs,
    signal,
    {
      timeout: () =>
        failure(
          'TIMEOUT',
          `The engine at ${where.endpoint} did not answer the ${what} call within ${timeoutMs / 1000} s.`,
          'It may be overloaded or hung; check it, then retry.',
        ),
      error: (error) => {
        if (error instanceof Error && !('statusCode' in error) && !('code' in error)) {
          // Our own stream failures (garbage, an early close) name what broke.
          return failure(
            'UNAVAILABLE',
            `The ${what} call to ${where.endpoint} broke off: ${error.message}.`,
            'The engine may have restarted; retry.',
          );
        }
        return translateEngineError(error, where);
      },
    },
    call,
  );
}

function cancelled(what: string, signal: AbortSignal): AppError {
  return signal.reason instanceof AppError
    ? signal.reason
    : new AppError('CANCELLED', `The ${what} call was cancelled.`);
}
