import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../shared/errors';
import { KnownHostsStore } from './known-hosts-store';
import type { SshHop } from './ssh-hop';
import { routeKey, SshPool } from './ssh-pool';
import { SshTunnel } from './ssh-tunnel';

const knownHosts = new KnownHostsStore({ openssh: [], bosun: '/nonexistent/known_hosts' });

function hop(over: Partial<SshHop> = {}): SshHop {
  return { host: 'lab', port: 22, user: 'ops', identityFiles: [], homeDir: '/home/ops', ...over };
}

/** A tunnel that is never dialled here: the pool only counts and closes. */
function tunnel(over: Partial<SshHop> = {}): SshTunnel {
  return new SshTunnel({ ...hop(over), knownHosts });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('routeKey', () => {
  it('tells routes apart by host, port, user, jump chain and login', () => {
    const base = routeKey([hop()]);
    expect(routeKey([hop()])).toBe(base);
    expect(routeKey([hop({ port: 2222 })])).not.toBe(base);
    expect(routeKey([hop({ user: 'root' })])).not.toBe(base);
    expect(routeKey([hop({ identityFiles: ['/k/other'] })])).not.toBe(base);
    expect(routeKey([hop({ agentSocket: '/run/agent' })])).not.toBe(base);
    expect(routeKey([hop({ host: 'bastion' }), hop()])).not.toBe(base);
  });

  it('ignores shared settings and keeps login secrets out of the key', () => {
    expect(tunnel().key).toBe(routeKey([hop()]));
    const secret = { ...hop(), passphrase: 'hunter2' } as SshHop;
    const key = routeKey([secret]);
    expect(key).not.toBe(routeKey([hop()]));
    expect(key).not.toContain('hunter2');
    expect(key).toMatch(/^ops@lab:22 #[0-9a-f]{16}$/);
  });

  it('tells credential vaults apart by identity (a password being tried is its own route)', () => {
    class Vault {
      constructor(readonly candidate?: string) {}
      passphrase = (): Promise<undefined> => Promise.resolve(undefined);
      password = (): Promise<undefined> => Promise.resolve(undefined);
    }
    const shared = new Vault();
    const withShared = routeKey([hop({ credentials: shared })]);
    expect(routeKey([hop({ credentials: shared })])).toBe(withShared);
    const trying = routeKey([hop({ credentials: new Vault('hunter2') })]);
    expect(trying).not.toBe(withShared);
    expect(trying).not.toContain('hunter2');
  });
});

describe('SshPool', () => {
  it('shares one tunnel per key and closes it with the last lease', () => {
    const pool = new SshPool();
    const make = vi.fn(() => tunnel());
    const a = pool.acquire('k', make);
    const b = pool.acquire('k', make);
    const other = pool.acquire('other', () => tunnel({ host: 'elsewhere' }));
    expect(make).toHaveBeenCalledTimes(1);
    expect(b.tunnel).toBe(a.tunnel);
    expect(other.tunnel).not.toBe(a.tunnel);
    a.release();
    a.release(); // a second release of the same lease does not take b's share
    expect(a.tunnel.isClosed).toBe(false);
    b.release();
    expect(a.tunnel.isClosed).toBe(true);
    expect(pool.routes()).toEqual(['other']);
    // The next user gets a new tunnel.
    const c = pool.acquire('k', make);
    expect(make).toHaveBeenCalledTimes(2);
    expect(c.tunnel).not.toBe(a.tunnel);
    pool.close();
  });

  it('keeps an unleased tunnel for the idle grace, reused if acquired again in time', () => {
    vi.useFakeTimers();
    const pool = new SshPool({ idleMs: 5_000 });
    const first = pool.acquire('k', () => tunnel());
    first.release();
    vi.advanceTimersByTime(4_000);
    expect(first.tunnel.isClosed).toBe(false);
    const again = pool.acquire('k', () => tunnel());
    expect(again.tunnel).toBe(first.tunnel);
    vi.advanceTimersByTime(10_000);
    expect(first.tunnel.isClosed).toBe(false); // leased again: the old timer is gone
    again.release();
    vi.advanceTimersByTime(5_000);
    expect(first.tunnel.isClosed).toBe(true);
    expect(pool.routes()).toEqual([]);
  });

  it('never hands out a tunnel that was closed behind its back', () => {
    const pool = new SshPool({ idleMs: 60_000 });
    const first = pool.acquire('k', () => tunnel());
    first.tunnel.close();
    const second = pool.acquire('k', () => tunnel());
    expect(second.tunnel).not.toBe(first.tunnel);
    first.release(); // the stale lease does not close the new tunnel
    expect(second.tunnel.isClosed).toBe(false);
    pool.close();
    expect(second.tunnel.isClosed).toBe(true);
  });

  it('closes every tunnel on close and refuses new leases', () => {
    const pool = new SshPool({ idleMs: 60_000 });
    const leased = pool.acquire('a', () => tunnel());
    const idle = pool.acquire('b', () => tunnel({ host: 'b' }));
    idle.release();
    pool.close();
    expect(leased.tunnel.isClosed).toBe(true);
    expect(idle.tunnel.isClosed).toBe(true);
    let refused: unknown;
    try {
      pool.acquire('a', () => tunnel());
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused) && refused.code).toBe('CANCELLED');
  });
});
