import type { Out, ParsedIn } from '../../shared/contract';
import type { EngineDirectory } from '../containers/engine-directory';
import { acrossEngines } from '../resources/across-engines';

/** `docker system df` across engines; slow on big engines, so only on demand, and cancellable. */
export class DiskService {
  constructor(private readonly engines: EngineDirectory) {}

  async usage(input: ParsedIn<'disk.usage'>, signal?: AbortSignal): Promise<Out<'disk.usage'>> {
    const { values, failures } = await acrossEngines(
      this.engines,
      input.connectionIds,
      'disk.usage',
      signal,
      (session) => session.liveEngine().disk.usage(signal),
    );
    return { engines: values.map(({ connectionId, value }) => ({ connectionId, ...value })), failures };
  }
}
