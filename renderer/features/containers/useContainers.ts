import { createStoreContext } from '../../api/store-context';
import type { ContainersSnapshot, ContainersStore } from './containers-store';

const containers = createStoreContext<ContainersStore, ContainersSnapshot>('useContainers');

export const ContainersStoreContext = containers.Context;
export const useContainersStore = containers.useStore;
/** The containers of every connected engine, live. */
export const useContainers = containers.useSnapshot;
