/**
 * Opens a link printed in a terminal. Only web links: a program can print anything, and a `file:` or
 * custom-scheme URL must not become one click away. In Electron the window's open handler sends the
 * URL to the user's browser and denies the window (main/window.ts); in web mode it is a new tab.
 */
export function openWebLink(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
  window.open(url.href, '_blank', 'noopener,noreferrer');
}
