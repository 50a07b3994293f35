import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { SshHop } from './ssh-hop';
import type { SshTunnel } from './ssh-tunnel';

/** A share of one kept SSH connection; release it when done (the connection closes with the last one). */
export interface SshLease {
  readonly tunnel: SshTunnel;
  /** Idempotent. */
  release(): void;
}

export interface SshPoolOptions {
  /**
   * How long an unleased connection stays open, so a quick reconnect, a connection test or an engine
   * created right after a host key check reuses it instead of paying for another handshake.
   */
  readonly idleMs?: number;
}

interface Entry {
  readonly tunnel: SshTunnel;
  leases: number;
  idle?: ReturnType<typeof setTimeout>;
}

// Settings shared by every hop (the host-key store, timers) are not part of a route.
const NOT_ROUTE = new Set(['knownHosts', 'jumps', 'keepaliveIntervalMs', 'readyTimeoutMs']);

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** Plain data is compared by value; anything else (a credentials vault) by identity, never by content. */
function routeValue(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return value;
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++nextIdentity));
  return `#object${id}`;
}

/**
 * The identity of a route: every hop's user@host:port and how it logs in (key files, agent, the
 * credentials it asks). Hashed, so nothing secret sits in the key.
 */
export function routeKey(hops: readonly SshHop[]): string {
  const login = JSON.stringify(hops, (name, value: unknown) =>
    NOT_ROUTE.has(name) ? undefined : routeValue(value),
  );
  const where = hops.map((hop) => `${hop.user}@${hop.host}:${hop.port}`).join(' > ');
  return `${where} #${createHash('sha256').update(login).digest('hex').slice(0, 16)}`;
}

/**
 * One SSH connection per route, shared by everything that goes there (the engine, connection tests,
 * Kubernetes tunnels) and counted: it closes when the last lease is released (after `idleMs`). A
 * dropped connection is redialled by the tunnel on its next use, so a lease survives drops.
 */
export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly options: SshPoolOptions = {}) {}

  /** A lease on the route's tunnel; `make` builds it when there is none (nothing dials until used). */
  acquire(key: string, make: () => SshTunnel): SshLease {
    if (this.closed) throw new AppError('CANCELLED', 'Bosun is shutting down: no new SSH connections.');
    let entry = this.entries.get(key);
    if (!entry || entry.tunnel.isClosed) {
      entry = { tunnel: make(), leases: 0 };
      this.entries.set(key, entry);
    }
    clearTimeout(entry.idle);
    entry.idle = undefined;
    entry.leases++;
    const held = entry;
    let released = false;
    return {
      tunnel: held.tunnel,
      release: () => {
        if (released) return;
        released = true;
        held.leases--;
        if (held.leases === 0) this.idle(key, held);
      },
    };
  }

  /** Routes with a tunnel right now (leased or idling), for tests and diagnostics. */
  routes(): string[] {
    return [...this.entries.keys()];
  }

  /** Closes every connection, leased or not; later acquires fail. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.idle);
      entry.tunnel.close();
    }
    this.entries.clear();
  }

  private idle(key: string, entry: Entry): void {
    const drop = (): void => {
      if (entry.leases > 0 || this.entries.get(key) !== entry) return;
      this.entries.delete(key);
      entry.tunnel.close();
    };
    const idleMs = this.options.idleMs ?? 0;
    if (idleMs <= 0) return drop();
    entry.idle = setTimeout(drop, idleMs);
    // An idle connection never keeps the process alive.
    entry.idle.unref?.();
  }
}
