import { createStoreContext } from '../../api/store-context';
import type { TerminalsSnapshot, TerminalsStore } from './terminals-store';

const terminals = createStoreContext<TerminalsStore, TerminalsSnapshot>('useTerminals');

export const TerminalsStoreContext = terminals.Context;
export const useTerminalsStore = terminals.useStore;
/** The terminal tabs, their sessions and the panel's settings, live. */
export const useTerminals = terminals.useSnapshot;
