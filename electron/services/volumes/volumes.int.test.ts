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

const exists = async (name: string) => (await t.engine.json('GET', `/volumes/${name}`)).status === 200;

describe('volumes on the real engine', () => {
  it('lists volumes with the containers mounting them; sizes on demand; refuses removal while used', async () => {
    const named = await res.volume(`bosun-vol-${res.run}`);
    const anonymous = await res.volume();
    const user = await res.running({ Mounts: [{ Type: 'volume', Source: named, Target: '/data' }] });

    const { rows, failures } = await t.client.call('volumes.list', { connectionIds: [connectionId] });
    expect(failures).toEqual([]);
    const row = rows.find((r) => r.name === named)!;
    expect(row).toMatchObject({ driver: 'local', anonymous: false, labels: res.labels });
    expect(row.mountpoint).toContain(named);
    expect(row.usedBy.map((c) => [c.id, c.state])).toEqual([[user, 'running']]);
    expect(rows.find((r) => r.name === anonymous)).toMatchObject({ anonymous: true, usedBy: [] });

    const { volumes } = await t.client.call('volumes.usage', { connectionId });
    expect(volumes.find((v) => v.name === named)).toEqual({
      name: named,
      size: expect.any(Number),
      refCount: 1,
    });

    const refused = await t.client.call('volumes.remove', { connectionId, names: [named] });
    expect(refused.results[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    const userName = rows.find((r) => r.name === named)!.usedBy[0]!.name;
    expect(refused.results[0]!.message).toContain(`${userName} (running)`);
    expect(await exists(named)).toBe(true);

    await t.engine.json('DELETE', `/containers/${user}?force=1`);
    const removed = await t.client.call('volumes.remove', { connectionId, names: [named, named + '-never'] });
    expect(removed.results).toEqual([
      { id: named, ok: true, message: 'removed' },
      expect.objectContaining({ id: `${named}-never`, ok: false, code: 'NOT_FOUND' }),
    ]);
    expect(await exists(named)).toBe(false);
  });

  it('prunes only anonymous volumes of this run by default, named ones with all', async () => {
    const named = await res.volume(`bosun-vol-keep-${res.run}`);
    const anonymous = await res.volume();
    const plan = await t.client.call('volumes.prune', { connectionId, dryRun: true, label: res.filter });
    expect(plan.items.map((i) => i.id)).toContain(anonymous);
    expect(plan.items.map((i) => i.id)).not.toContain(named);
    expect(plan.notes.join(' ')).toContain('named volumes stay');

    const pruned = await t.client.call('volumes.prune', { connectionId, dryRun: false, label: res.filter });
    expect(pruned.items.find((i) => i.id === anonymous)?.outcome).toEqual({ ok: true, message: 'removed' });
    expect(await exists(anonymous)).toBe(false);
    expect(await exists(named)).toBe(true);

    const all = await t.client.call('volumes.prune', {
      connectionId,
      dryRun: false,
      all: true,
      label: res.filter,
    });
    expect(all.items.map((i) => [i.id, i.outcome?.ok])).toEqual([[named, true]]);
    expect(await exists(named)).toBe(false);
  });
});
