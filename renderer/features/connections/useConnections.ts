import { createStoreContext } from '../../api/store-context';
import type { ConnectionsSnapshot, ConnectionsStore } from './connections-store';

const connections = createStoreContext<ConnectionsStore, ConnectionsSnapshot>('useConnections');

export const ConnectionsStoreContext = connections.Context;
export const useConnectionsStore = connections.useStore;
/** The engine connections with their live status. */
export const useConnections = connections.useSnapshot;
