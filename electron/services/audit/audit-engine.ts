/** How an exec runs, as GET /exec/{id}/json reports it. */
export interface ExecInfo {
  readonly privileged: boolean;
  /** '' when it runs as the container's user. */
  readonly user: string;
  readonly running: boolean;
}

/**
 * What the risk audit reads beyond inspect, lists, /top and /changes. Failures are AppErrors
 * (UNAVAILABLE, TIMEOUT); an exec the engine forgot is undefined, not an error.
 */
export interface AuditEngine {
  /** GET /exec/{id}/json; undefined when the engine no longer knows the exec. */
  exec(id: string, signal?: AbortSignal): Promise<ExecInfo | undefined>;
}
