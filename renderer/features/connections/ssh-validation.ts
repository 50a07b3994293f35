import type { In } from '../../../electron/shared/contract';

export type SshPart = 'identityFile' | 'remoteSocket';
export type SshPaths = Readonly<Record<SshPart, string>>;
export type SshProblems = Partial<Record<SshPart, string>>;

export const NO_SSH: SshPaths = { identityFile: '', remoteSocket: '' };
export const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock';

/** The SSH fields belong to ssh:// only; the form hides them (and keeps what was typed) otherwise. */
export function takesSsh(endpoint: string): boolean {
  return endpoint.trim().toLowerCase().startsWith('ssh://');
}

/** The core's refusal names `field`; when it is an SSH field, the form shows it there. */
export function sshPartOf(details: Readonly<Record<string, unknown>> | undefined): SshPart | undefined {
  const field = details?.['field'];
  return field === 'identityFile' || field === 'remoteSocket' ? field : undefined;
}

/**
 * What is wrong with the SSH fields, per field. Both are optional: without an identity file the SSH
 * agent and ~/.ssh/config are used, without a remote socket /var/run/docker.sock. The core reads the key
 * itself, so only a full path means the same file to both (and `~` is not expanded there).
 */
export function sshProblems(paths: SshPaths): SshProblems {
  const problems: SshProblems = {};
  const identity = paths.identityFile.trim();
  if (identity.startsWith('~'))
    problems.identityFile = 'Write the full path: ~ is not expanded (e.g. /home/me/.ssh/id_ed25519).';
  else if (identity && !identity.startsWith('/'))
    problems.identityFile = 'Give the full path of the private key, starting with /.';
  const socket = paths.remoteSocket.trim();
  if (socket && (!socket.startsWith('/') || /(^|\/)\.\.?(\/|$)|\/$|\s/.test(socket)))
    problems.remoteSocket = 'Give the socket’s plain full path on that host, e.g. /var/run/docker.sock.';
  return problems;
}

/** The SSH part of connections.add, for an ssh:// endpoint: only what was filled in. */
export function sshInput(
  endpoint: string,
  paths: SshPaths,
): Pick<In<'connections.add'>, 'identityFile' | 'remoteSocket'> {
  if (!takesSsh(endpoint)) return {};
  const identityFile = paths.identityFile.trim();
  const remoteSocket = paths.remoteSocket.trim();
  return {
    ...(identityFile ? { identityFile } : {}),
    ...(remoteSocket ? { remoteSocket } : {}),
  };
}
