import { formatConnections } from '../format';
import { openLocalCore } from '../local-core';
import { printJson } from '../output';

/** `bosun hosts`: every engine Bosun knows, discovered or added, with its status. */
export async function hostsCommand(options: { json?: boolean }): Promise<void> {
  const core = await openLocalCore();
  try {
    const connections = await core.client.call('connections.list', {});
    if (options.json) printJson(connections);
    else if (connections.length === 0)
      console.log('No Docker engine found. Start Docker, set DOCKER_HOST, or add one in the app.');
    else console.log(formatConnections(connections));
  } finally {
    await core.close();
  }
}
