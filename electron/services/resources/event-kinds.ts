import type { ResourceKind } from '../../shared/contract';
import type { EngineEvent } from '../containers/container-engine';

// Volume mount/unmount fire on every container start and stop and change nothing a list shows.
const QUIET: Record<string, RegExp> = {
  volume: /^(mount|unmount)$/,
  image: /^(save|push)$/,
  network: /^$/,
};

const ALL: readonly ResourceKind[] = ['image', 'volume', 'network'];

/**
 * Which resource lists an engine event may have changed. Container events count too: a container
 * created or removed changes "in use by" everywhere; one started or stopped changes network addresses.
 */
export function kindsOfEvent(event: EngineEvent): readonly ResourceKind[] {
  switch (event.type) {
    case 'image':
    case 'volume':
    case 'network':
      return QUIET[event.type]!.test(event.action) ? [] : [event.type];
    case 'container':
      if (/^(create|destroy|rename)$/.test(event.action)) return ALL;
      if (/^(start|die)$/.test(event.action)) return ['network'];
      if (event.action === 'commit') return ['image'];
      return [];
    default:
      return [];
  }
}
