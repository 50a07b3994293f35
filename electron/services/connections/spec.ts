import type { ConnectionSource } from '../../shared/contract';
import type { Endpoint } from '../../shared/endpoint';

/** TLS material by file path; files are read when the engine client is built, not at discovery. */
export interface TlsFiles {
  /** Verify the engine's certificate (against `ca`, or the system roots when absent). */
  readonly verify: boolean;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** How an ssh:// engine is reached beyond its endpoint (user, host and port are in the endpoint). */
export interface SshOptions {
  /** A private key file to log in with (else the agent and ~/.ssh/id_*). */
  readonly identityFile?: string;
  /** The engine's socket on the remote host (default /var/run/docker.sock). */
  readonly remoteSocket?: string;
}

/** Why a connection is listed but never dialled (an SSH engine, a broken context file). */
export interface Blocked {
  readonly reason: string;
  readonly hint: string;
}

/** Everything Bosun knows about one engine before talking to it. */
export interface ConnectionSpec {
  readonly id: string;
  readonly name: string;
  /** The endpoint as people read it (canonical when it parsed). */
  readonly endpoint: string;
  /** Absent when the endpoint could not be parsed; then `blocked` says why. */
  readonly target?: Endpoint;
  readonly source: ConnectionSource;
  readonly contextName?: string;
  readonly current: boolean;
  readonly tls?: TlsFiles;
  readonly ssh?: SshOptions;
  readonly blocked?: Blocked;
}

/** Two specs that would dial the same engine the same way keep one session across a re-merge. */
export function sameTarget(a: ConnectionSpec, b: ConnectionSpec): boolean {
  return (
    a.endpoint === b.endpoint &&
    JSON.stringify(a.tls ?? null) === JSON.stringify(b.tls ?? null) &&
    JSON.stringify(a.ssh ?? null) === JSON.stringify(b.ssh ?? null) &&
    JSON.stringify(a.blocked ?? null) === JSON.stringify(b.blocked ?? null)
  );
}
