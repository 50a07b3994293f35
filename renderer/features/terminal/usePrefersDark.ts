import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function media(): MediaQueryList | undefined {
  return typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : undefined;
}

function subscribe(onChange: () => void): () => void {
  const list = media();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/** Whether the app is dark right now: it follows the system, as styles/theme.css does. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, () => media()?.matches ?? false);
}
