import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntCore } from '../testing/int-core';
import { endResourceRun, startResourceRun, type TestResources } from '../testing/int-resources';

let t: IntCore;
let res: TestResources;
let connectionId: string;

beforeAll(async () => {
  ({ t, res, connectionId } = await startResourceRun());
});

afterAll(() => endResourceRun(t, res));

interface RawNetwork {
  IPAM: { Config: { Subnet: string; Gateway?: string }[] };
  Containers: Record<string, { Name: string; IPv4Address: string }>;
}

describe('networks on the real engine', () => {
  it('shows subnets and attached containers as the engine does, and refuses what cannot go', async () => {
    const name = `bosun-net-${res.run}`;
    const id = await res.network(name);
    const user = await res.running({ NetworkMode: name });
    const raw = (await t.engine.json<RawNetwork>('GET', `/networks/${id}`)).value;

    const { rows, failures } = await t.client.call('networks.list', { connectionIds: [connectionId] });
    expect(failures).toEqual([]);
    const row = rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({
      name,
      driver: 'bridge',
      builtIn: false,
      internal: false,
      labels: res.labels,
    });
    expect(row.subnets[0]!.subnet).toBe(raw.IPAM.Config[0]!.Subnet);
    const endpoint = raw.Containers[user]!;
    expect(row.containers).toEqual([
      { id: user, name: endpoint.Name, state: 'running', attached: true, ipv4: endpoint.IPv4Address },
    ]);
    expect(
      rows
        .filter((r) => r.builtIn)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['bridge', 'host', 'none']);

    const refused = await t.client.call('networks.remove', { connectionId, ids: [id, 'bridge'] });
    expect(refused.results[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(refused.results[0]!.message).toContain(`${endpoint.Name} (${endpoint.IPv4Address})`);
    expect(refused.results[1]).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('never removes it'),
    });

    await t.engine.json('POST', `/containers/${user}/stop?t=0`);
    const removed = await t.client.call('networks.remove', { connectionId, ids: [name] });
    expect(removed.results[0]).toMatchObject({
      ok: true,
      message: expect.stringContaining('will not start until connected'),
    });
    expect((await t.engine.json('GET', `/networks/${id}`)).status).toBe(404);
  });

  it('prunes only the unused networks of this run', async () => {
    const spare = await res.network(`bosun-net-spare-${res.run}`);
    const busyName = `bosun-net-busy-${res.run}`;
    const busy = await res.network(busyName);
    await res.running({ NetworkMode: busyName });
    const plan = await t.client.call('networks.prune', { connectionId, dryRun: true, label: res.filter });
    expect(plan.items.map((i) => i.id)).toEqual([spare]);
    const pruned = await t.client.call('networks.prune', { connectionId, dryRun: false, label: res.filter });
    expect(pruned.items).toEqual([
      expect.objectContaining({ id: spare, outcome: { ok: true, message: 'removed' } }),
    ]);
    expect((await t.engine.json('GET', `/networks/${spare}`)).status).toBe(404);
    expect((await t.engine.json('GET', `/networks/${busy}`)).status).toBe(200);
  });
});
