import { createStoreContext } from '../../api/store-context';
import type { BulkSnapshot, BulkStore } from './bulk-store';
import type { SelectionSnapshot, SelectionStore } from './selection-store';

const selection = createStoreContext<SelectionStore, SelectionSnapshot>('useSelection');
export const SelectionStoreContext = selection.Context;
export const useSelectionStore = selection.useStore;
/** The ticked rows. */
export const useSelection = selection.useSnapshot;

const bulk = createStoreContext<BulkStore, BulkSnapshot>('useBulk');
export const BulkStoreContext = bulk.Context;
export const useBulkStore = bulk.useStore;
/** The bulk action running or last run, and the dialog open before one. */
export const useBulk = bulk.useSnapshot;
