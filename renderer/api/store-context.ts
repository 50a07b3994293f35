import { createContext, useContext, useSyncExternalStore, type Context } from 'react';
import type { ExternalStore } from './external-store';

export interface StoreContext<S extends ExternalStore<T>, T> {
  readonly Context: Context<S | undefined>;
  /** The store itself, for its actions. */
  useStore(): S;
  /** Its current snapshot, re-rendering on change. */
  useSnapshot(): T;
}

/** The React context and hooks every feature store needs, written once. */
export function createStoreContext<S extends ExternalStore<T>, T>(hookName: string): StoreContext<S, T> {
  const Context = createContext<S | undefined>(undefined);
  Context.displayName = `${hookName.replace(/^use/, '')}StoreContext`;
  const useStore = (): S => {
    const store = useContext(Context);
    if (!store) throw new Error(`${hookName}() needs a ${Context.displayName} provider above it.`);
    return store;
  };
  const useSnapshot = (): T => {
    const store = useStore();
    return useSyncExternalStore(store.subscribe, store.getSnapshot);
  };
  return { Context, useStore, useSnapshot };
}
