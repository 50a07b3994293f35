import type { EngineDirectory, EngineSessionView } from '../containers/engine-directory';
import { FakeEngine } from '../testing/fake-engine';
import type { FakeFiles } from '../testing/fake-files';

/** For unit tests: one connection "lab" whose engine serves `files`. */
export function directoryWith(files: FakeFiles): EngineDirectory {
  const engine = new FakeEngine();
  Object.defineProperty(engine, 'files', { value: files });
  const view: EngineSessionView = {
    id: 'lab',
    endpoint: 'unix:///lab.sock',
    ready: async () => undefined,
    liveCache: () => {
      throw new Error('not used by files');
    },
    liveEngine: () => engine,
  };
  return { loaded: async () => undefined, get: (id) => (id === 'lab' ? view : undefined), all: () => [view] };
}
