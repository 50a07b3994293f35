import type { ContainerRef } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';

/** "web (running), db (exited)": the containers a refusal is about, named, with their state. */
export function nameContainers(containers: readonly ContainerRef[], max = 5): string {
  const shown = containers.slice(0, max).map((c) => `${c.name || c.id.slice(0, 12)} (${c.state})`);
  const more = containers.length > max ? ` and ${containers.length - max} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** The object was removed by someone else between the list and the action: say so, and what to do. */
export function goneError(what: string, name: string, endpoint: string): AppError {
  return failure(
    'NOT_FOUND',
    `The ${what} ${name} is no longer on ${endpoint}: something else removed it meanwhile.`,
    'Refresh the list.',
    { reason: 'gone' },
  );
}

/** A result of one item of a bulk action, from whatever that item's attempt threw. */
export function failedItem(
  id: string,
  error: unknown,
  fallback: string,
): {
  id: string;
  ok: false;
  code: string;
  message: string;
} {
  const appError = error instanceof AppError ? error : new AppError('INTERNAL', fallback);
  return { id, ok: false, code: appError.code, message: appError.message };
}
