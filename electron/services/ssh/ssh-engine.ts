import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ContainerEngine, EngineFactory } from '../containers/container-engine';
import { DockerodeEngine, type DockerodeEngineOptions } from '../containers/dockerode-engine';
import type { SshSupport } from '../connections/ssh-support';
import type { ConnectionSpec } from '../connections/spec';
import { AppError } from '../../shared/errors';
import { KnownHostsStore } from './known-hosts-store';
import { readSshConfig } from './ssh-config';
import type { SshCredentials } from './ssh-credentials';
import { unlockCredential } from './ssh-unlock';
import { probeSsh } from './ssh-probe';
import type { SshHop } from './ssh-hop';
import type { SshLease, SshPool } from './ssh-pool';
import { SshTunnel } from './ssh-tunnel';
import { TunnelAgent } from './tunnel-agent';

/** Where Docker listens on a remote host unless told otherwise (as in the docker CLI). */
export const REMOTE_DOCKER_SOCKET = '/var/run/docker.sock';

export interface SshDeps {
  readonly knownHosts: KnownHostsStore;
  readonly homeDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly keepaliveIntervalMs?: number;
  readonly readyTimeoutMs?: number;
  /** The core's shared SSH connections; without it every caller gets a connection of its own. */
  readonly pool?: SshPool;
  /** Passphrases and passwords the user gave (connections.unlock); without it encrypted keys stay locked. */
  readonly credentials?: SshCredentials;
}

/** Bosun's host-key trust: ~/.ssh/known_hosts (read only) and `<dataDir>/known_hosts` (accepted keys). */
export function defaultKnownHosts(homeDir: string, dataDir: string): KnownHostsStore {
  return new KnownHostsStore({
    openssh: [join(homeDir, '.ssh', 'known_hosts')],
    bosun: join(dataDir, 'known_hosts'),
  });
}

function localUser(env: SshDeps['env']): string {
  try {
    return env.USER || env.LOGNAME || userInfo().username;
  } catch {
    return 'root';
  }
}

/**
 * The SSH tunnel of an ssh:// spec, with ~/.ssh/config applied as OpenSSH would (the endpoint's user
 * and port win over the file's; HostName replaces an alias); rejects any other spec.
 */
export async function tunnelFor(spec: ConnectionSpec, deps: SshDeps): Promise<SshTunnel> {
  const target = spec.target;
  if (target?.kind !== 'ssh') throw new AppError('INTERNAL', `${spec.endpoint} is not an SSH endpoint.`);
  const config = await readSshConfig(deps.homeDir, target.host);
  const agentSocket = deps.env.SSH_AUTH_SOCK;
  const login = {
    homeDir: deps.homeDir,
    ...(agentSocket ? { agentSocket } : {}),
    ...(deps.credentials ? { credentials: deps.credentials } : {}),
  };
  // Each jump host is itself an alias of ~/.ssh/config (HostName, Port, User, IdentityFile), as in ssh -J.
  const jumps = await Promise.all(
    (config.proxyJump ?? []).map(async (jump): Promise<SshHop> => {
      const own = await readSshConfig(deps.homeDir, jump.host);
      return {
        ...login,
        host: own.hostName ?? jump.host,
        port: jump.port ?? own.port ?? 22,
        user: jump.user ?? own.user ?? localUser(deps.env),
        // A jump host's own IdentityFile lines win; else the connection's key is tried there too
        // (skipped if the host refuses it), else the defaults.
        identityFiles: [],
        configIdentityFiles:
          own.identityFiles.length > 0 || !spec.ssh?.identityFile
            ? own.identityFiles
            : [spec.ssh.identityFile],
      };
    }),
  );
  return new SshTunnel({
    ...login,
    host: config.hostName ?? target.host,
    port: target.port ?? config.port ?? 22,
    user: target.user ?? config.user ?? localUser(deps.env),
    identityFiles: spec.ssh?.identityFile ? [spec.ssh.identityFile] : [],
    configIdentityFiles: config.identityFiles,
    knownHosts: deps.knownHosts,
    ...(jumps.length > 0 ? { jumps } : {}),
    ...(deps.keepaliveIntervalMs !== undefined ? { keepaliveIntervalMs: deps.keepaliveIntervalMs } : {}),
    ...(deps.readyTimeoutMs !== undefined ? { readyTimeoutMs: deps.readyTimeoutMs } : {}),
  });
}

/** A share of the spec's SSH connection: the pool's (one per route) or, without a pool, a new one. */
export async function leaseTunnel(spec: ConnectionSpec, deps: SshDeps): Promise<SshLease> {
  const tunnel = await tunnelFor(spec, deps);
  if (deps.pool) return deps.pool.acquire(tunnel.key, () => tunnel);
  return { tunnel, release: () => tunnel.close() };
}

/** A DockerodeEngine whose every request is a channel of the one SSH connection to the spec's host. */
export async function createSshEngine(
  spec: ConnectionSpec,
  deps: SshDeps,
  options: DockerodeEngineOptions = {},
): Promise<ContainerEngine> {
  const lease = await leaseTunnel(spec, deps);
  try {
    // Handshake, host key and login first: their errors are clearer than a failed HTTP request's.
    await lease.tunnel.connect();
    const agent = new TunnelAgent(lease.tunnel, spec.ssh?.remoteSocket ?? REMOTE_DOCKER_SOCKET);
    // The engine's close() destroys the agent's channels, then gives its share of the connection back.
    return await DockerodeEngine.create(spec, {
      ...options,
      transport: { agent, close: () => lease.release() },
    });
  } catch (error) {
    lease.release();
    throw error;
  }
}

/** An engine factory that reaches ssh:// specs through a tunnel and everything else as `direct` does. */
export function withSsh(
  deps: SshDeps,
  direct: EngineFactory,
  options: DockerodeEngineOptions = {},
): EngineFactory {
  return (spec) => (spec.target?.kind === 'ssh' ? createSshEngine(spec, deps, options) : direct(spec));
}

/** The connections registry's view of SSH: a host key check before a new ssh:// connection is saved. */
export function sshSupport(deps: SshDeps): SshSupport {
  return {
    async checkHostKey(spec, acceptHostKey) {
      const target = spec.target;
      if (target?.kind !== 'ssh') return;
      const lease = await leaseTunnel(spec, deps);
      const { tunnel } = lease;
      // The key is the one of the host the tunnel dials: an ~/.ssh/config alias resolved to its
      // HostName and Port, not the name typed.
      // Through ProxyJump, the refused key may be a jump host's: approving the fingerprint for every
      // hop still admits only a host presenting exactly that key.
      if (acceptHostKey)
        for (const hop of tunnel.hops) deps.knownHosts.approve(hop.host, hop.port, acceptHostKey);
      try {
        await tunnel.connect();
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('HOST_KEY_')) throw error;
      } finally {
        // With a pool, the connection idles a moment: the engine created next reuses it.
        lease.release();
      }
    },
    unlock: (spec, credential, secret, remember) =>
      unlockCredential(spec, credential, secret, remember, deps),
    async probe(spec) {
      if (spec.target?.kind !== 'ssh') return [];
      const lease = await leaseTunnel(spec, deps);
      try {
        return await probeSsh(lease.tunnel, lease.tunnel.host, lease.tunnel.port);
      } finally {
        lease.release();
      }
    },
  };
}
