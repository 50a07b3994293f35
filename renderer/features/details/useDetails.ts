import { createStoreContext } from '../../api/store-context';
import type { DetailsSnapshot, DetailsStore } from './details-store';

const details = createStoreContext<DetailsStore, DetailsSnapshot>('useDetails');

export const DetailsStoreContext = details.Context;
export const useDetailsStore = details.useStore;
/** Which container the details pane shows, and on which tab. */
export const useDetails = details.useSnapshot;
