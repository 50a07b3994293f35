import type { CredentialRequest } from '../../shared/contract';
import type { ConnectionSpec } from './spec';

/** One step of a connection test, as `bosun hosts test` and the UI's "Test connection" show it. */
export interface TestStep {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What the connections registry needs of the SSH tunnel. */
export interface SshSupport {
  /**
   * Checks a new ssh:// connection's host key before it is saved (accepting `acceptHostKey` when it is
   * exactly the key presented): rejects with HOST_KEY_UNKNOWN / HOST_KEY_CHANGED, and with nothing else
   * (an unreachable host or a failed login is the connection's status, as for any engine).
   */
  checkHostKey(spec: ConnectionSpec, acceptHostKey?: string): Promise<void>;
  /**
   * Checks and keeps the passphrase or password a login asked for (`credential`, from the connection's
   * status): a passphrase against the key file, a password by logging in. Rejects with PERMISSION_DENIED
   * (keeping nothing) when it is wrong.
   */
  unlock?(
    spec: ConnectionSpec,
    credential: CredentialRequest,
    secret: string,
    remember: boolean,
  ): Promise<void>;
  /** The SSH steps of a connection test (TCP, handshake and host key, login), stopping at the first failure. */
  probe(spec: ConnectionSpec): Promise<TestStep[]>;
}
