import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import type { EngineWhere } from '../containers/engine-errors';

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The API path without its query (`/images/json`). */
  readonly path: string;
  /** Query parameters; objects (filters) are sent as JSON, as the Engine API wants them. */
  readonly query?: Record<string, unknown>;
  /** What the call is, for messages ("image remove"). */
  readonly what: string;
  readonly timeoutMs: number;
  /**
   * Statuses that mean "the engine refuses this" rather than "you may not" (DELETE /networks answers
   * 403 for a built-in network): answered as CONFLICT with the engine's words, never a credentials hint.
   */
  readonly refusals?: readonly number[];
}

interface ModemError {
  statusCode?: unknown;
  json?: unknown;
}

function said(json: unknown): string {
  const message = typeof json === 'object' && json !== null ? (json as { message?: unknown }).message : json;
  return typeof message === 'string' ? message.trim().slice(0, 300) : '';
}

/**
 * 404 and 409 (and the request's own refusals) keep the engine's words in `details.said`, so a service
 * can tell "used by a container" from "several names" and say what to do about each.
 */
function refusal(error: unknown, where: EngineWhere, refusals: readonly number[]): unknown {
  const { statusCode: status, json } = (
    typeof error === 'object' && error !== null ? error : {}
  ) as ModemError;
  if (typeof status !== 'number') return error;
  const words = said(json);
  const details = { status, said: words };
  if (status === 404)
    return new AppError(
      'NOT_FOUND',
      `The engine at ${where.endpoint} has no such object: ${words}.`,
      details,
    );
  if (status === 409 || refusals.includes(status))
    return new AppError('CONFLICT', `The engine at ${where.endpoint} refused: ${words}.`, details);
  return error;
}

const OK = { 200: true, 201: true, 204: true } as const;

/**
 * One JSON call of the Engine API through dockerode's modem, with engineCall's deadline and error
 * translation. For the calls dockerode wraps without a signal (history) or without the query the API
 * takes (`/system/df?type=`), and so every resource adapter speaks the API's own paths.
 */
export function engineJson<T>(
  docker: Docker,
  where: EngineWhere,
  request: JsonRequest,
  signal: AbortSignal | undefined,
): Promise<T> {
  return engineCall(where, request.what, request.timeoutMs, signal, (abortSignal) => {
    return new Promise<T>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `${request.path}?`,
          method: request.method,
          // _query keeps the parameters out of a POST body (docker-modem sends options there otherwise).
          options: { _query: { ...request.query }, _body: {} },
          statusCodes: OK,
          abortSignal,
        },
        (error, data) => (error ? reject(refusal(error, where, request.refusals ?? [])) : resolve(data as T)),
      );
    });
  });
}

/** The Engine API's filters parameter: `{"label":["a=b"],"dangling":["true"]}`, without empty keys. */
export function filters(values: Record<string, string | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = [value];
  return out;
}
