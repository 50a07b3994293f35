import { describe, expect, it } from 'vitest';
import { discoveredConflict, mergeSpecs, userSpec } from './registry';
import type { ConnectionSpec } from './spec';

const discovered = (id: string, endpoint: string, current = false): ConnectionSpec => ({
  id,
  name: id,
  endpoint,
  target: { kind: 'tcp', host: 'h', port: 1 },
  source: 'context',
  contextName: id,
  current,
});

describe('mergeSpecs', () => {
  it('lists an engine the user also added once, as the user entry, keeping the current flag', () => {
    const user = userSpec({ id: 'mine', name: 'Mine', endpoint: 'tcp://10.0.0.1:2375' });
    const merged = mergeSpecs(
      [discovered('context-a', 'tcp://10.0.0.1:2375', true), discovered('context-b', 'tcp://10.0.0.2:2375')],
      [user],
    );
    expect(merged.map((s) => [s.id, s.current])).toEqual([
      ['context-b', false],
      ['mine', true],
    ]);
  });

  it('suffixes a discovered id that a user entry already holds', () => {
    const user = userSpec({ id: 'context-a', name: 'context a', endpoint: 'tcp://10.0.0.9:2375' });
    expect(mergeSpecs([discovered('context-a', 'tcp://10.0.0.1:2375')], [user]).map((s) => s.id)).toEqual([
      'context-a-2',
      'context-a',
    ]);
  });

  it('explains where a discovered connection comes from', () => {
    expect(discoveredConflict(discovered('context-a', 'tcp://x:1')).message).toContain(
      'docker context rm context-a',
    );
  });
});
