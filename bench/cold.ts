import { ONLY_TEST_ENGINE } from './scope';
import { createServices } from '../electron/bootstrap';
import type { Platform } from '../electron/services/platform';
import { startWebServer } from '../electron/server/server';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Contract } from '../electron/shared/contract';
import { createClient } from '../electron/shared/rpc/client';
import { summarize, type Summary } from './stats';

const ROUNDS = 5;

/**
 * The list's cold path: a new core connects to the engine (ping, version, event stream, first full
 * list into the cache) and a new WebSocket client gets every row. The steady-state list is served
 * from that cache; this is what a person waits for when the app starts.
 */
export async function measureColdList(
  platform: Platform,
  expected: number,
  staticDir: string,
): Promise<Summary> {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const core = await createServices(platform);
    const server = await startWebServer({ core, staticDir });
    const client = createClient<Contract>(await connectToWebServer(server.url));
    try {
      for (;;) {
        const { rows } = await client.call('containers.list', ONLY_TEST_ENGINE);
        if (rows.length >= expected) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      samples.push(performance.now() - started);
    } finally {
      client.close();
      await server.close();
      await core.dispose();
    }
  }
  return summarize(samples);
}
