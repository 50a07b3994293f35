import { AppError } from '../../shared/errors';
import { ContainerCache } from '../containers/container-cache';
import type { EngineDirectory, EngineSessionView } from '../containers/engine-directory';
import type { FakeEngine } from './fake-engine';

/**
 * Connections over fake engines, each with a primed container cache, for unit tests of services that
 * aggregate across engines. A connection given an AppError instead of an engine is down for that reason.
 */
export async function fakeDirectory(
  engines: Record<string, FakeEngine | AppError>,
): Promise<EngineDirectory & { close(): void }> {
  const caches: ContainerCache[] = [];
  const views = new Map<string, EngineSessionView>();
  for (const [id, engine] of Object.entries(engines)) {
    let cache: ContainerCache | undefined;
    if (!(engine instanceof AppError)) {
      cache = new ContainerCache({
        connectionId: id,
        engine,
        onChanged: () => undefined,
        onFailure: () => undefined,
      });
      await cache.prime();
      caches.push(cache);
    }
    const live = <T>(value: T | undefined): T => {
      if (engine instanceof AppError) throw engine;
      return value!;
    };
    views.set(id, {
      id,
      endpoint: `unix:///${id}.sock`,
      ready: async () => undefined,
      liveCache: () => live(cache),
      liveEngine: () => live(engine as FakeEngine),
    });
  }
  return {
    loaded: async () => undefined,
    get: (id) => views.get(id),
    all: () => [...views.values()],
    close: () => caches.forEach((cache) => cache.close()),
  };
}

/** One connection "lab" whose engine is `engine` (no cache), or not connected when `down` says why. */
export function labDirectory(engine: FakeEngine, down?: AppError): EngineDirectory {
  const view: EngineSessionView = {
    id: 'lab',
    endpoint: 'unix:///lab.sock',
    ready: async () => undefined,
    liveCache: () => {
      throw new Error('not used');
    },
    liveEngine: () => {
      if (down) throw down;
      return engine;
    },
  };
  return { loaded: async () => undefined, get: (id) => (id === 'lab' ? view : undefined), all: () => [view] };
}
