import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payload } from '../../shared/contract';
import type { IntCore } from '../testing/int-core';
import { endResourceRun, startResourceRun, type TestResources } from '../testing/int-resources';

let t: IntCore;
let res: TestResources;
let connectionId: string;
let source: string;

beforeAll(async () => {
  ({ t, res, connectionId } = await startResourceRun());
  source = await res.container(`bosun-img-src-${res.run}`);
});

afterAll(() => endResourceRun(t, res));

async function list() {
  const { rows, failures } = await t.client.call('images.list', { connectionIds: [connectionId] });
  expect(failures).toEqual([]);
  return rows;
}

describe('images on the real engine', () => {
  it('lists what the engine has, with sizes and the containers created from each image', async () => {
    const raw = await t.engine.json<{ Id: string; Size: number }[]>('GET', '/images/json');
    // The container was made behind Bosun's back: its create event reaches the live cache a moment
    // later (on a loaded machine, after the first list), as the row would reach a person's screen.
    const busyboxRow = async () => (await list()).find((r) => r.repoTags.includes('local/busybox:1'))!;
    await expect.poll(async () => (await busyboxRow()).containers.map((c) => c.id)).toContain(source);
    const rows = await list();
    expect(rows.map((r) => r.id).sort()).toEqual(raw.value.map((i) => i.Id).sort());
    const busybox = rows.find((r) => r.repoTags.includes('local/busybox:1'))!;
    expect(busybox.size).toBe(raw.value.find((i) => i.Id === busybox.id)!.Size);
    expect(busybox.containers).toContainEqual({
      id: source,
      name: `bosun-img-src-${res.run}`,
      state: 'created',
    });
  });

  it('shows the layers of an image, newest first', async () => {
    const id = await res.image(source, { repo: `bosun-test/layers-${res.run}`, tag: '1' });
    const { layers } = await t.client.call('images.history', {
      connectionId,
      image: `bosun-test/layers-${res.run}:1`,
    });
    expect(layers[0]).toMatchObject({
      id,
      createdBy: 'sleep 3600',
      tags: [`bosun-test/layers-${res.run}:1`],
    });
    expect(layers.at(-1)!.size).toBeGreaterThan(0);
  });

  it('untags one of several names, refuses by id naming the container, and removes once free', async () => {
    const repo = `bosun-test/rm-${res.run}`;
    const id = await res.image(source, { repo, tag: 'a' });
    await t.engine.json('POST', `/images/${id}/tag?repo=${repo}&tag=b`);
    const user = await t.engine.json<{ Id: string }>(
      'POST',
      `/containers/create?name=bosun-img-user-${res.run}`,
      {
        Image: id,
        Cmd: ['true'],
        Labels: res.labels,
      },
    );
    res.track(user.value.Id);

    const several = await t.client.call('images.remove', { connectionId, refs: [id] });
    expect(several.results[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(several.results[0]!.message).toContain(`${repo}:a, ${repo}:b`);

    const untag = await t.client.call('images.remove', { connectionId, refs: [`${repo}:b`] });
    expect(untag.results[0]).toMatchObject({ ok: true, untagged: [`${repo}:b`], deleted: [] });

    const used = await t.client.call('images.remove', { connectionId, refs: [id] });
    expect(used.results[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(used.results[0]!.message).toContain(`bosun-img-user-${res.run} (created)`);

    await t.engine.json('DELETE', `/containers/${user.value.Id}`);
    const gone = await t.client.call('images.remove', { connectionId, refs: [id] });
    expect(gone.results[0]).toMatchObject({ ok: true, untagged: [`${repo}:a`] });
    expect(gone.results[0]!.deleted).toContain(id);
    expect((await t.engine.json('GET', `/images/${id}/json`)).status).toBe(404);

    const again = await t.client.call('images.remove', { connectionId, refs: [id] });
    expect(again.results[0]).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringContaining('Refresh'),
    });
  });

  it('prunes only this run, dangling first, with the space the engine reports, and hints the change', async () => {
    const dangling = await res.image(source);
    const named = await res.image(source, { repo: `bosun-test/prune-${res.run}`, tag: '1' });
    const hints: Payload<'resources.changed'>[] = [];
    const sub = t.client.subscribe('resources.changed', { kinds: ['image'] }, (hint) => hints.push(hint));
    await sub.ready;
    try {
      const plan = await t.client.call('images.prune', { connectionId, dryRun: true, label: res.filter });
      expect(plan.items.map((i) => i.id)).toEqual([dangling]);
      expect(plan.estimatedBytes).toBe(plan.items[0]!.size);
      expect((await t.engine.json('GET', `/images/${dangling}/json`)).status).toBe(200);

      const pruned = await t.client.call('images.prune', { connectionId, dryRun: false, label: res.filter });
      expect(pruned.items).toEqual([
        expect.objectContaining({ id: dangling, outcome: { ok: true, message: 'removed' } }),
      ]);
      expect(pruned.spaceReclaimed).toEqual(expect.any(Number));
      expect((await t.engine.json('GET', `/images/${dangling}/json`)).status).toBe(404);
      expect((await t.engine.json('GET', `/images/${named}/json`)).status).toBe(200);
      await expect.poll(() => hints).toContainEqual({ connectionId, kind: 'image' });

      const all = await t.client.call('images.prune', {
        connectionId,
        dryRun: false,
        all: true,
        label: res.filter,
      });
      // Every image of this run (the named one, and the one the layers test left), and nothing else.
      const ours = await t.engine.json<{ Id: string }[]>(
        'GET',
        `/images/json?filters=${encodeURIComponent(JSON.stringify({ label: [res.filter] }))}`,
      );
      expect(ours.value).toEqual([]);
      expect(all.items.map((i) => i.id)).toContain(named);
      expect(all.items.every((i) => i.outcome?.ok && i.name.includes(res.run))).toBe(true);
      expect((await t.engine.json('GET', '/images/local/busybox:1/json')).status).toBe(200);
    } finally {
      sub.close();
    }
  });
});
