import type { Connection } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';

/** What a person compares before trusting an SSH host key (a connection status carries the same). */
export type HostKey = NonNullable<Connection['status']['hostKey']>;

/** A HOST_KEY_CHANGED refusal also names the fingerprint on record, when the core knows it. */
export interface HostKeyRefusal extends HostKey {
  readonly expected: string | undefined;
}

function text(details: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const value = details?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** The host key a HOST_KEY_UNKNOWN / HOST_KEY_CHANGED refusal is about; undefined for any other error. */
export function hostKeyRefusal(error: AppError): HostKeyRefusal | undefined {
  if (error.code !== 'HOST_KEY_UNKNOWN' && error.code !== 'HOST_KEY_CHANGED') return undefined;
  const host = text(error.details, 'host');
  const keyType = text(error.details, 'keyType');
  const fingerprint = text(error.details, 'fingerprint');
  if (!host || !keyType || !fingerprint) return undefined;
  return {
    problem: error.code === 'HOST_KEY_UNKNOWN' ? 'unknown' : 'changed',
    host,
    keyType,
    fingerprint,
    expected: text(error.details, 'expected'),
  };
}

/** The command that prints the server's own fingerprint of this key type, to compare on the server. */
export function serverFingerprintCommand(keyType: string): string {
  const name =
    /^(ssh-)?(ed25519|rsa|dss)$/.exec(keyType)?.[2] ?? (keyType.startsWith('ecdsa') ? 'ecdsa' : '*');
  return `ssh-keygen -lf /etc/ssh/ssh_host_${name}_key.pub`;
}
