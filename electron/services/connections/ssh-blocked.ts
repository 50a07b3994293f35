import type { ConnectionSpec } from './spec';

export const SSH_NOT_SUPPORTED = {
  reason: 'SSH engines are not supported in this build yet; remote hosts arrive with the SSH tunnel.',
  hint: 'Until then, reach this engine from a machine where its socket is local, or expose it over tcp:// with TLS.',
};

/** SSH endpoints are listed honestly but never dialled until the SSH tunnel lands. */
export function blockSsh<T extends Pick<ConnectionSpec, 'target'>>(
  spec: T,
): T & Pick<ConnectionSpec, 'blocked'> {
  return spec.target?.kind === 'ssh' ? { ...spec, blocked: SSH_NOT_SUPPORTED } : spec;
}

/** Where the SSH tunnel is wired in, discovered ssh:// engines are dialled like any other. */
export function unblockSsh(spec: ConnectionSpec): ConnectionSpec {
  if (spec.blocked !== SSH_NOT_SUPPORTED) return spec;
  const { blocked: _blocked, ...rest } = spec;
  return rest;
}
