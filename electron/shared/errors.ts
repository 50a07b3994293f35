import { z } from 'zod';

/** The closed set of error codes that may cross the boundary (DESIGN.md §3). */
export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'CONFLICT',
  'UNAVAILABLE',
  'PERMISSION_DENIED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'TIMEOUT',
  'CANCELLED',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** What an error looks like on the wire: a code, a message for people, optional structured details. */
export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** The one error type of Bosun. Adapters translate library errors into it where they happen. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(wire: WireError): AppError {
    return new AppError(wire.code, wire.message, wire.details);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * Anything thrown becomes a wire error; only AppErrors keep their message, so an unexpected
 * library error never leaks internals (or a stack) to a client.
 */
export function toWireError(error: unknown): WireError {
  if (isAppError(error)) return error.toWire();
  return {
    code: 'INTERNAL',
    message: 'Bosun hit an unexpected error. It has been logged; try again, and report it if it repeats.',
  };
}
