import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeEngine, hexId } from '../testing/fake-engine';
import { fakeDirectory } from '../testing/fake-directory';
import { fakeNetwork } from '../testing/fake-resources';
import { NetworksService } from './networks-service';

const BRIDGE = 'b'.repeat(64);
const FRONT = 'f'.repeat(64);
const SPARE = 'e'.repeat(64);

let close: () => void = () => undefined;
afterEach(() => close());

async function setup(engine: FakeEngine) {
  const directory = await fakeDirectory({ lab: engine });
  close = directory.close;
  return new NetworksService(directory);
}

function labEngine(): FakeEngine {
  const engine = new FakeEngine();
  engine.networks.networks = [
    fakeNetwork(BRIDGE, 'bridge', {
      created: null,
      subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
    }),
    fakeNetwork(FRONT, 'front', { subnets: [{ subnet: '10.1.0.0/24' }], created: 5000 }),
    fakeNetwork(SPARE, 'spare', { labels: { team: 'a' }, created: 6000 }),
  ];
  engine.networks.attachments_ = [
    { networkId: FRONT, id: hexId(1), name: 'web', state: 'running', attached: true, ipv4: '10.1.0.2/24' },
    { networkId: SPARE, id: hexId(2), name: 'batch', state: 'exited', attached: false },
  ];
  return engine;
}

describe('NetworksService', () => {
  it('lists networks with subnets, built-in flags and containers', async () => {
    const { rows } = await (await setup(labEngine())).list({});
    expect(rows.map((r) => [r.name, r.builtIn, r.containers.map((c) => c.name)])).toEqual([
      ['bridge', true, []],
      ['front', false, ['web']],
      ['spare', false, ['batch']],
    ]);
    expect(rows[1]!.containers[0]).toMatchObject({ ipv4: '10.1.0.2/24', attached: true });
  });

  it('refuses a built-in network without asking the engine, and names attached containers on a refusal', async () => {
    const engine = labEngine();
    engine.networks.refusals.set(
      FRONT,
      new AppError('CONFLICT', 'refused', {
        said: 'error while removing network: network front has active endpoints',
      }),
    );
    const service = await setup(engine);
    const { results } = await service.remove({
      connectionId: 'lab',
      ids: ['bridge', 'front', 'spare', 'gone-net'],
    });
    expect(results[0]).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining("engine's own networks"),
    });
    expect(results[1]).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('web (10.1.0.2/24)'),
    });
    expect(results[2]).toMatchObject({
      ok: true,
      message: expect.stringContaining('batch (exited) will not start'),
    });
    expect(results[3]).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(engine.networks.calls).toEqual([`remove ${FRONT}`, `remove ${SPARE}`]);
  });

  it('plans networks without running containers, never the built-in ones, and warns about stopped ones', async () => {
    const engine = labEngine();
    const service = await setup(engine);
    const plan = await service.prune({ connectionId: 'lab', dryRun: true });
    expect(plan.items).toEqual([{ id: SPARE, name: 'spare', size: null }]);
    expect(plan.notes.join(' ')).toContain('batch (exited)');
    engine.networks.pruneOutcome = { deleted: ['spare'] };
    const done = await service.prune({ connectionId: 'lab', dryRun: false, label: 'team=a' });
    expect(engine.networks.prunes).toEqual([{ label: 'team=a', until: 7000 }]);
    expect(done.items[0]!.outcome).toEqual({ ok: true, message: 'removed' });
  });
});
