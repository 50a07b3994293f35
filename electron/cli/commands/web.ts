import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../bootstrap';
import { createNodePlatform } from '../../server/platform-node';
import { startWebServer } from '../../server/server';

export interface WebOptions {
  readonly port?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The built renderer (npm run build); the server explains what to do when it is missing. */
export const RENDERER_DIR = resolve(here, '../../../dist/renderer');

/** `bosun web`: the same renderer in a browser, on loopback, with a per-launch token. */
export async function webCommand(options: WebOptions): Promise<void> {
  const platform = createNodePlatform({ face: 'web' });
  const core = await createServices(platform);
  const server = await startWebServer({
    core,
    staticDir: RENDERER_DIR,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  console.log(`Bosun is running at ${server.url}`);
  console.log('Open it in a browser on this machine. The address carries the access token: keep it private.');
  console.log('Press Ctrl+C to stop.');

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      void Promise.allSettled([server.close(), core.dispose()]).then(() => resolveStop());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
