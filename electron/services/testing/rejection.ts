import { isAppError, type AppError } from '../../shared/errors';

/** The AppError a promise rejects with; resolving, or rejecting with anything else, fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
