import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../shared/endpoint';
import { planRediscovery } from './rediscovery-plan';
import type { ConnectionSpec } from './spec';

const spec = (id: string, endpoint: string, extra: Partial<ConnectionSpec> = {}): ConnectionSpec => ({
  id,
  name: id,
  endpoint,
  target: parseEndpoint(endpoint),
  source: 'context',
  current: false,
  ...extra,
});

describe('planRediscovery', () => {
  it('keeps same id and target (new labels allowed), replaces a moved one, adds and removes by id', () => {
    const plan = planRediscovery(
      [spec('a', 'tcp://h:1'), spec('b', 'tcp://h:2'), spec('gone', 'tcp://h:3'), spec('t', 'tcp://h:4')],
      [
        spec('a', 'tcp://h:1', { name: 'A', current: true }),
        spec('b', 'tcp://h:22'),
        spec('t', 'tcp://h:4', { tls: { verify: true } }),
        spec('new', 'tcp://h:5'),
      ],
    );
    expect({
      remove: plan.remove,
      keep: plan.keep.map((s) => [s.id, s.name, s.current]),
      replace: plan.replace.map((s) => s.id),
      add: plan.add.map((s) => s.id),
    }).toEqual({ remove: ['gone'], keep: [['a', 'A', true]], replace: ['b', 't'], add: ['new'] });
  });
});
