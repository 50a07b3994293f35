import { AppError } from '../../shared/errors';
import { callWithDeadline } from '../containers/engine-call';
import { failure } from '../containers/engine-errors';

/** Where a failing Kubernetes call went, for messages people can act on. */
export interface ClusterWhere {
  /** The kubeconfig context. */
  readonly context: string;
  /** The API server URL. */
  readonly server: string;
  /** The kubeconfig user, named in permission messages. */
  readonly user?: string;
}

interface LibraryError {
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  message?: unknown;
  name?: unknown;
  type?: unknown;
  errno?: unknown;
}

/** The `message` of a Status object, however the library handed the body over (text or parsed). */
function statusMessage(body: unknown): string {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return body.trim().slice(0, 300);
    }
  }
  const message =
    typeof value === 'object' && value !== null ? (value as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message.trim().slice(0, 300) : '';
}

/** The HTTP status of a client-node error: ApiException's `code`, the watch's `statusCode`. */
export function httpStatusOf(error: unknown): number | undefined {
  const e = (typeof error === 'object' && error !== null ? error : {}) as LibraryError;
  if (typeof e.statusCode === 'number') return e.statusCode;
  if (typeof e.code === 'number') return e.code;
  return undefined;
}

/** An HTTP answer (or a watch's ERROR Status) as the AppError people see. */
export function fromStatus(status: number, said: string, where: ClusterWhere): AppError {
  const detail = said ? `: ${said}` : '';
  const details = { status };
  const at = `${where.context} (${where.server})`;
  if (status === 401)
    return failure(
      'PERMISSION_DENIED',
      `${at} did not accept the credentials of user ${where.user ?? '(none)'} (HTTP 401)${detail}.`,
      'The token or certificate may have expired: log in again (your cloud CLI, or kubectl) so the kubeconfig has fresh credentials, then retry.',
      details,
    );
  if (status === 403)
    return failure(
      'PERMISSION_DENIED',
      `${at} forbids this to user ${where.user ?? '(none)'} (HTTP 403)${detail}.`,
      'Ask a cluster admin for the RBAC permission, or pick namespaces you may read (kube.namespaces.set).',
      details,
    );
  if (status === 404) return new AppError('NOT_FOUND', `${at} has no such object${detail}.`, details);
  if (status === 409) return new AppError('CONFLICT', `${at} refused${detail}.`, details);
  if (status === 400 || status === 422)
    return new AppError('INVALID_ARGUMENT', `${at} rejected the request${detail}.`, details);
  if (status === 504 || status === 408)
    return failure(
      'TIMEOUT',
      `${at} timed out (HTTP ${status})${detail}.`,
      'Retry; the cluster may be overloaded.',
      details,
    );
  return failure(
    'UNAVAILABLE',
    `${at} answered with an error (HTTP ${status})${detail}.`,
    'The API server may be starting or overloaded; Bosun retries by itself.',
    details,
  );
}

const TLS_CODE =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_SSL_|ERR_TLS_|EPROTO|DEPTH_ZERO|HOSTNAME_MISMATCH/;

/** Translates a client-node / node-fetch / exec-plugin error into the AppError people see. */
export function translateKubeError(error: unknown, where: ClusterWhere): AppError {
  if (error instanceof AppError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as LibraryError;
  const status = httpStatusOf(error);
  if (status !== undefined) return fromStatus(status, statusMessage(e.body), where);
  const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'string' ? e.errno : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const at = `${where.context} (${where.server})`;
  if (e.name === 'AbortError' || code === 'ABORT_ERR')
    return new AppError('CANCELLED', `The call to ${at} was cancelled.`);
  if (code === 'ECONNREFUSED')
    return failure(
      'UNAVAILABLE',
      `Nothing is listening at ${where.server} (connection refused) for context ${where.context}.`,
      'Is the cluster running (minikube start, kind, the VPN to it)? Check the server address in the kubeconfig.',
      { errno: code },
    );
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    return failure(
      'TIMEOUT',
      `${where.server} did not answer in time (context ${where.context}).`,
      'Check that the cluster is up and that no firewall or VPN drops the connection.',
      { errno: code },
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return failure(
      'UNAVAILABLE',
      `The host name of ${where.server} cannot be resolved (${code}).`,
      'Check the server address in the kubeconfig, your DNS and your VPN.',
      { errno: code },
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'EPIPE')
    return failure(
      'UNAVAILABLE',
      `${where.server} cannot be reached or closed the connection (${code}).`,
      'Check the network route to the cluster; Bosun retries by itself.',
      { errno: code },
    );
  if (TLS_CODE.test(code) || /certificate|self.signed|SSL|TLS/i.test(message))
    return failure(
      'UNAVAILABLE',
      `The TLS handshake with ${where.server} failed${code ? ` (${code})` : ''}.`,
      'Check certificate-authority(-data) of the cluster and the client certificate of the user in the kubeconfig, and that they have not expired.',
      { errno: code },
    );
  if (code === 'ENOENT' || code === 'EACCES')
    return failure(
      'UNAVAILABLE',
      `A file the kubeconfig names for context ${where.context} cannot be read (${code}${message ? `: ${message.slice(0, 200)}` : ''}).`,
      'Fix the path (certificate-authority, client-certificate, client-key, token-file) in the kubeconfig.',
      { errno: code },
    );
  if (/exec|plugin|token|auth/i.test(message))
    // Exec and auth-provider plugins (cloud CLIs) fail this way: re-running one every few seconds could
    // open browser logins, so this waits for the user (PERMISSION_DENIED does not retry by itself).
    return failure(
      'PERMISSION_DENIED',
      `The credentials of user ${where.user ?? '(none)'} for ${at} could not be obtained: ${message.slice(0, 300)}.`,
      'Run the login command of your cluster (your cloud CLI or kubectl) in a terminal, then retry.',
    );
  return failure(
    'UNAVAILABLE',
    `${at} could not be reached${code ? ` (${code})` : message ? `: ${message.slice(0, 200)}` : ''}.`,
    'Check that the cluster is running, then retry.',
    code ? { errno: code } : {},
  );
}

/** One Kubernetes call with a deadline and the caller's signal; failures come out as AppErrors. */
export function kubeCall<T>(
  where: ClusterWhere,
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
          `${where.context} (${where.server}) did not answer the ${what} call within ${timeoutMs / 1000} s.`,
          'The API server may be overloaded or unreachable; check it, then retry.',
        ),
      error: (error) => translateKubeError(error, where),
    },
    call,
  );
}
