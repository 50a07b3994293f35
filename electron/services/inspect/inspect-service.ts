import type { Out, ParsedIn } from '../../shared/contract';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { buildSummary } from './build-summary';
import { rawForClient } from './mask-raw';
import { text } from './raw-fields';

/** How long a call waits for a connection that is still connecting before saying so. */
const CONNECTING_GRACE_MS = 5_000;

/**
 * `containers.inspect`: one inspect of the container (and of its image, to tell defaults from what the
 * container set), summarized and masked here so every face shows the same thing.
 */
export class InspectService {
  constructor(private readonly engines: EngineDirectory) {}

  async inspect(
    input: ParsedIn<'containers.inspect'>,
    signal?: AbortSignal,
  ): Promise<Out<'containers.inspect'>> {
    const view = await requireConnection(this.engines, input.connectionId);
    await view.ready(signal, CONNECTING_GRACE_MS);
    const engine = view.liveEngine();
    const doc = await engine.inspect.container(input.containerId, signal);
    const imageId = text(doc['Image']);
    const image = imageId ? await engine.inspect.imageDefaults(imageId, signal) : undefined;
    const { summary, secrets } = buildSummary(doc, image, { reveal: input.reveal });
    const { raw, note } = rawForClient(doc, input.reveal);
    return {
      summary: note ? { ...summary, notes: [...summary.notes, note] } : summary,
      raw,
      secrets,
      revealed: input.reveal,
    };
  }
}
