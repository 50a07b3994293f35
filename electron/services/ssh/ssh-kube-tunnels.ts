import { AppError } from '../../shared/errors';
import type { ConnectionSpec } from '../connections/spec';
import type { KubeTunnels } from '../kube/kube-cluster';
import { forwardLocalPort } from './local-forward';
import { leaseTunnel, type SshDeps } from './ssh-engine';

/** Where the kube service finds SSH connections by id (the connections registry). */
export interface SshConnectionLookup {
  get(id: string): { readonly spec: ConnectionSpec } | undefined;
}

/**
 * Clusters behind a bastion: the API server is reached through the SSH connection of an ssh:// engine
 * connection (the same kept connection its Docker engine uses), as a loopback port forwarded to the
 * server's host and port as the bastion sees them.
 */
export function sshKubeTunnels(
  connections: SshConnectionLookup,
  deps: SshDeps,
  log: (message: string) => void,
): KubeTunnels {
  const sshSpec = (id: string): ConnectionSpec => {
    const spec = connections.get(id)?.spec;
    if (!spec)
      throw new AppError(
        'INVALID_ARGUMENT',
        `There is no connection "${id}" to tunnel through. Add the bastion as an ssh:// engine connection first (connections.list shows the ids).`,
      );
    if (spec.target?.kind !== 'ssh')
      throw new AppError(
        'INVALID_ARGUMENT',
        `${spec.name} (${spec.endpoint}) is not an ssh:// connection: only an SSH host can carry a tunnel to a cluster.`,
      );
    return spec;
  };
  return {
    check(id) {
      sshSpec(id);
    },
    async open(id, host, port) {
      const spec = sshSpec(id);
      const lease = await leaseTunnel(spec, deps);
      try {
        await lease.tunnel.connect();
      } catch (error) {
        lease.release();
        throw error;
      }
      const forward = await forwardLocalPort(lease, host, port, (error) =>
        log(`the tunnel to ${host}:${port} through ${spec.endpoint} failed a connection: ${error.message}`),
      );
      return { port: forward.port, through: spec.endpoint, close: () => forward.close() };
    },
  };
}
