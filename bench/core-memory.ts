import { readFileSync } from 'node:fs';
import { ensureRendererBuilt, startBosunWeb } from '../e2e/fixtures/bosun-web';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Contract } from '../electron/shared/contract';
import { createClient } from '../electron/shared/rpc/client';
import { withIdleTerminals } from './terminal';

/** Resident memory of a process, from /proc (Linux: where the bench runs). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`No VmRSS for process ${pid}.`);
  return Number(kb) / 1024;
}

/**
 * The core as people run it: the bundled CLI's web mode (`node dist/cli/bosun.mjs web`) in its own
 * process, with a client that has read every container and holds `terminals` open terminals. The
 * in-process figure beside it also counts tsx's transpiler and the bench's own clients.
 */
export async function measureBundledCoreRss(
  dockerHost: string,
  targetId: string,
  rows: number,
  terminals: number,
): Promise<number> {
  ensureRendererBuilt();
  const web = await startBosunWeb(dockerHost, { command: ['node', 'dist/cli/bosun.mjs', 'web'] });
  const client = createClient<Contract>(await connectToWebServer(web.url));
  try {
    if (web.pid === undefined) throw new Error('The web mode did not start a process.');
    const listed = await client.call('containers.list', {});
    if (listed.rows.length < rows)
      throw new Error(`The core listed ${listed.rows.length} of ${rows} containers.`);
    const [connection] = await client.call('connections.list', {});
    if (!connection) throw new Error('The core found no engine.');
    const pid = web.pid;
    return await withIdleTerminals(client, connection.id, targetId, terminals, () => rssMb(pid));
  } finally {
    client.close();
    await web.stop();
  }
}
