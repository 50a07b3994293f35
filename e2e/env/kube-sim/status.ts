// Status objects and JSON answers, shaped as a real API server sends them (metav1.Status).
import type { ServerResponse } from 'node:http';

export type Json = Record<string, unknown>;

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'AlreadyExists',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  500: 'InternalError',
};

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly { reason: string; message: string; field: string }[];
}

/** A failure the handlers throw; the router turns it into a Status answer. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string = REASONS[code] ?? 'InternalError',
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Json {
    return statusObject(this.code, this.message, this.reason, this.details);
  }
}

export function statusObject(code: number, message: string, reason?: string, details?: StatusDetails): Json {
  const status: Json = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? REASONS[code] ?? 'InternalError',
    code,
  };
  if (details !== undefined) status.details = details;
  return status;
}

export function successStatus(details?: StatusDetails): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

export function notFound(resource: string, name: string, group = ''): ApiError {
  return new ApiError(404, `${resource}${group ? `.${group}` : ''} "${name}" not found`, 'NotFound', {
    name,
    group,
    kind: resource,
  });
}

export function alreadyExists(resource: string, name: string, group = ''): ApiError {
  return new ApiError(
    409,
    `${resource}${group ? `.${group}` : ''} "${name}" already exists`,
    'AlreadyExists',
    {
      name,
      group,
      kind: resource,
    },
  );
}

export function invalid(kind: string, name: string, field: string, message: string): ApiError {
  return new ApiError(422, `${kind} "${name}" is invalid: ${field}: ${message}`, 'Invalid', {
    name,
    kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message, 'BadRequest');
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const api =
    error instanceof ApiError
      ? error
      : new ApiError(500, `internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, api.code, api.toStatus());
}
