const STORAGE_KEY = 'bosun.token';

/**
 * The web page learns its access token from the URL fragment (`#token=…`, never sent to a server),
 * keeps it for this tab so a reload still works, and takes it out of the address bar so it does not
 * end up in screenshots, bookmarks or screen shares.
 */
export function takeToken(
  location: Location,
  history: History,
  storage: Storage | undefined,
): string | undefined {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      storage?.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this load.
    }
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  try {
    return storage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pasting the printed address into a tab that already shows Bosun only changes the fragment, which
 * does not reload the page; reload it so the new token is taken (and a refused one replaced).
 */
export function reloadOnNewToken(win: Window): () => void {
  const onHashChange = (): void => {
    if (new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token')) win.location.reload();
  };
  win.addEventListener('hashchange', onHashChange);
  return () => win.removeEventListener('hashchange', onHashChange);
}
