import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../shared/endpoint';
import { discoveredConflict, mergeSpecs, userSpec } from './registry';
import type { ConnectionSpec } from './spec';

const discovered = (id: string, endpoint: string, current = false): ConnectionSpec => ({
  id,
  name: id,
  endpoint,
  target: parseEndpoint(endpoint),
  source: 'context',
  contextName: id,
  current,
});

describe('mergeSpecs', () => {
  it('lists an engine the user also added once, as the user entry, keeping the current flag', async () => {
    const user = userSpec({ id: 'mine', name: 'Mine', endpoint: 'tcp://10.0.0.1:2375' });
    const merged = await mergeSpecs(
      [discovered('context-a', 'tcp://10.0.0.1:2375', true), discovered('context-b', 'tcp://10.0.0.2:2375')],
      [user],
    );
    expect(merged.map((s) => [s.id, s.current])).toEqual([
      ['context-b', false],
      ['mine', true],
    ]);
  });

  it('suffixes a discovered id that a user entry already holds', async () => {
    const user = userSpec({ id: 'context-a', name: 'context a', endpoint: 'tcp://10.0.0.9:2375' });
    expect(
      (await mergeSpecs([discovered('context-a', 'tcp://10.0.0.1:2375')], [user])).map((s) => s.id),
    ).toEqual(['context-a-2', 'context-a']);
  });

  it('knows a user entry that names a discovered socket through a symlink, whatever the spelling', async () => {
    const resolve = async (path: string): Promise<string> =>
      path === '/tmp/link.sock' ? '/run/docker.sock' : path;
    const user = userSpec({ id: 'mine', name: 'Mine', endpoint: 'unix:///tmp/link.sock' });
    const socket = {
      ...discovered('default-socket', 'unix:///run/docker.sock', true),
      source: 'default-socket' as const,
    };
    const merged = await mergeSpecs([socket], [user], resolve);
    expect(merged.map((s) => [s.id, s.current])).toEqual([['mine', true]]);
  });

  it('explains where a discovered connection comes from', () => {
    expect(discoveredConflict(discovered('context-a', 'tcp://x:1')).message).toContain(
      'docker context rm context-a',
    );
  });
});
