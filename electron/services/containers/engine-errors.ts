import { AppError, type ErrorCode } from '../../shared/errors';

/** An AppError whose message is reason + hint, with both kept apart in details for the status line. */
export function failure(
  code: ErrorCode,
  reason: string,
  hint: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(code, `${reason} ${hint}`, { ...details, reason, hint });
}

/** Reason and hint of any error, for a connection's status. */
export function reasonAndHint(error: AppError): { reason: string; hint?: string } {
  const reason = error.details?.reason;
  const hint = error.details?.hint;
  if (typeof reason === 'string') return typeof hint === 'string' ? { reason, hint } : { reason };
  return { reason: error.message };
}

/** Where the failing call went, for messages people can act on. */
export interface EngineWhere {
  /** The endpoint as people read it. */
  readonly endpoint: string;
  readonly socketPath?: string;
}

interface LibraryError {
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
  name?: unknown;
}

function engineMessage(json: unknown): string {
  const message =
    typeof json === 'object' && json !== null ? (json as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : typeof json === 'string' ? json : '';
  return text.trim().slice(0, 300);
}

function fromHttp(status: number, json: unknown, where: EngineWhere): AppError {
  const said = engineMessage(json);
  const detail = said ? `: ${said}` : '';
  const details = { status };
  if (status === 404)
    return new AppError('NOT_FOUND', `The engine at ${where.endpoint} has no such object${detail}.`, details);
  if (status === 409)
    return new AppError('CONFLICT', `The engine at ${where.endpoint} refused${detail}.`, details);
  if (status === 400)
    return new AppError(
      'INVALID_ARGUMENT',
      `The engine at ${where.endpoint} rejected the request${detail}.`,
      details,
    );
  if (status === 401 || status === 403) {
    return failure(
      'PERMISSION_DENIED',
      `The engine at ${where.endpoint} refused access (HTTP ${status})${detail}.`,
      'Check the credentials or certificates of this connection.',
      details,
    );
  }
  return failure(
    'UNAVAILABLE',
    `The engine at ${where.endpoint} answered with an error (HTTP ${status})${detail}.`,
    'It may be starting, stopping or out of resources: check its log (journalctl -u docker), then retry.',
    details,
  );
}

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$)|CERT/;

/** Translates a dockerode / docker-modem / Node socket error into the AppError people see. */
export function translateEngineError(error: unknown, where: EngineWhere): AppError {
  if (error instanceof AppError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as LibraryError;
  if (typeof e.statusCode === 'number') return fromHttp(e.statusCode, e.json, where);
  const code = typeof e.code === 'string' ? e.code : '';
  const at = where.endpoint;
  const socket = where.socketPath;
  if (e.name === 'AbortError' || code === 'ABORT_ERR')
    return new AppError('CANCELLED', `The call to ${at} was cancelled.`);
  switch (code) {
    case 'ENOENT':
      return failure(
        'UNAVAILABLE',
        `The Docker socket ${socket ?? at} does not exist.`,
        'Is the engine running? Start it (sudo systemctl start docker, or Docker Desktop), or check the path of this connection.',
        { errno: code },
      );
    case 'EACCES':
    case 'EPERM':
      return failure(
        'PERMISSION_DENIED',
        `Bosun may not open ${socket ?? at} (${code}).`,
        'Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use a rootless engine.',
        { errno: code },
      );
    case 'ECONNREFUSED':
      return socket
        ? failure(
            'UNAVAILABLE',
            `Nothing answers on the socket ${socket} (connection refused): the file is left over from an engine that stopped.`,
            'Start the engine again.',
            { errno: code },
          )
        : failure(
            'UNAVAILABLE',
            `Nothing is listening at ${at} (connection refused).`,
            'Is the engine running and exposed on that port? Check the host, the port and any firewall.',
            { errno: code },
          );
    case 'ETIMEDOUT':
      return failure(
        'TIMEOUT',
        `${at} did not answer in time.`,
        'Check that the host is up and that no firewall drops the connection.',
        { errno: code },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure(
        'UNAVAILABLE',
        `The host name of ${at} cannot be resolved (${code}).`,
        'Check the spelling and your DNS.',
        { errno: code },
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return failure(
        'UNAVAILABLE',
        `${at} cannot be reached (${code}).`,
        'Check the network route to that host (VPN, cable, Wi-Fi).',
        { errno: code },
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return failure(
        'UNAVAILABLE',
        `The engine at ${at} closed the connection.`,
        'It may be restarting; Bosun retries by itself. If it persists, check whether the engine expects TLS.',
        { errno: code },
      );
  }
  if (code.startsWith('HPE_')) {
    return failure(
      'UNAVAILABLE',
      `${at} did not answer like a Docker engine (malformed HTTP).`,
      'If it expects TLS, add its CA, certificate and key to the connection.',
      { errno: code },
    );
  }
  if (TLS_CODE.test(code)) {
    return failure(
      'UNAVAILABLE',
      `The TLS handshake with ${at} failed (${code}).`,
      'Check that the CA, certificate and key belong to this engine and have not expired.',
      { errno: code },
    );
  }
  return failure(
    'UNAVAILABLE',
    `The engine at ${at} could not be reached${code ? ` (${code})` : ''}.`,
    'Check that it is running, then retry.',
    code ? { errno: code } : {},
  );
}
