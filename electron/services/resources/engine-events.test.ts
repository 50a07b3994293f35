import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../containers/container-engine';
import { ConnectionSession } from '../connections/connection-session';
import { FakeEngine, hexId } from '../testing/fake-engine';

let session: ConnectionSession | undefined;
afterEach(() => session?.dispose());

describe('engine events beyond containers', () => {
  it('reach onEngineEvent, and only container events reach the container cache', async () => {
    const engine = new FakeEngine();
    const seen: EngineEvent[] = [];
    session = new ConnectionSession(
      {
        id: 'fake',
        name: 'Fake',
        endpoint: 'unix:///fake.sock',
        target: { kind: 'unix', path: '/fake.sock' },
        source: 'user',
        current: false,
      },
      {
        createEngine: async () => engine,
        onStatus: () => undefined,
        onContainers: () => undefined,
        onEngineEvent: (_id, event) => seen.push(event),
        log: () => undefined,
      },
    );
    await session.connect();
    engine.emitResource('image', 'sha256:abc', 'delete');
    engine.emitResource('volume', 'data', 'destroy');
    engine.emitResource('network', hexId(9), 'connect');
    engine.emit(hexId(1), 'create');
    await session.liveCache().settled();
    expect(engine.calls.filteredLists).toEqual([[hexId(1)]]);
    expect(seen.map((e) => `${e.type} ${e.action}`)).toEqual([
      'image delete',
      'volume destroy',
      'network connect',
      'container create',
    ]);
  });
});
