import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../bootstrap';
import { createNodePlatform } from '../../server/platform-node';
import { startWebServer } from '../../server/server';
import { CliFailure } from '../output';

export interface WebOptions {
  readonly port?: number;
}

/**
 * The built renderer (npm run build) of the package this file belongs to, found by walking up to its
 * package.json: the same whether the CLI runs from source (tsx) or from its bundle in dist/cli.
 * The server explains what to do when the build is missing.
 */
export function rendererDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'renderer');
    if (dirname(dir) === dir) return resolve(from, 'renderer');
  }
}

function listenFailure(error: unknown, port: number | undefined): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return new CliFailure(
      `Port ${port} on 127.0.0.1 is already in use. Pick another, or omit --port for a free one.`,
      1,
    );
  }
  if (code === 'EACCES') {
    return new CliFailure(
      `Not allowed to listen on port ${port}. Ports below 1024 need privileges: use a higher one.`,
      1,
    );
  }
  return error;
}

/** `bosun web`: the same renderer in a browser, on loopback, with a per-launch token. */
export async function webCommand(options: WebOptions): Promise<void> {
  const platform = createNodePlatform({ face: 'web' });
  const core = await createServices(platform);
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      core,
      staticDir: rendererDir(),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (error) {
    await core.dispose();
    throw listenFailure(error, options.port);
  }
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
