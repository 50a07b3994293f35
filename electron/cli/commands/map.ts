import type { NetworkMap, StorageMap } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { openLocalCore } from '../local-core';
import { CliFailure, printError, printJson } from '../output';
import { formatNetworkMap, formatStorageMap } from './map-format';

export interface MapOptions {
  readonly host?: string;
  readonly json?: boolean;
}

export type MapKind = 'storage' | 'network';

/**
 * `bosun map storage|network [--host ID] [--json]`: the map of one engine, or of every connected one.
 * JSON is always an array (one map per engine); engines that failed go to stderr, exit 1 if any did.
 */
export async function mapCommand(kind: string, options: MapOptions): Promise<void> {
  if (kind !== 'storage' && kind !== 'network')
    throw new CliFailure(`Unknown map "${kind}": use \`bosun map storage\` or \`bosun map network\`.`, 1);
  const core = await openLocalCore();
  const maps: (StorageMap | NetworkMap)[] = [];
  const failed: string[] = [];
  let hosts: { id: string; name: string }[];
  try {
    const known = await core.client.call('connections.list', {});
    if (options.host && !known.some((c) => c.id === options.host))
      throw new CliFailure(`Unknown host "${options.host}". Run \`bosun hosts\` to see the host ids.`, 1);
    hosts = known
      .filter((c) => (options.host ? c.id === options.host : c.status.state === 'connected'))
      .map((c) => ({ id: c.id, name: c.name }));
    if (hosts.length === 0)
      throw new CliFailure(
        'No connected Docker engine. Start Docker, set DOCKER_HOST, or add one with the app.',
        1,
      );
    for (const host of hosts) {
      try {
        maps.push(
          kind === 'storage'
            ? await core.client.call('maps.storage', { connectionId: host.id })
            : await core.client.call('maps.network', { connectionId: host.id }),
        );
      } catch (error) {
        printError(`${host.id}: ${isAppError(error) ? error.message : String(error)}`);
        failed.push(host.id);
      }
    }
  } finally {
    await core.close();
  }
  if (options.json) printJson(maps);
  else
    for (const map of maps) {
      if (hosts.length > 1) console.log(`== ${map.connectionId} ==`);
      console.log(
        kind === 'storage' ? formatStorageMap(map as StorageMap) : formatNetworkMap(map as NetworkMap),
      );
    }
  if (failed.length > 0)
    throw new CliFailure(`The ${kind} map of ${failed.join(', ')} could not be read (above).`, 1);
}
