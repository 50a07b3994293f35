// The State column shows health and pause already; the engine repeats them at the end of the status.
const STATE_SUFFIX = / \((?:healthy|unhealthy|health: starting|Paused)\)$/;

/** The status without what the State column already says. */
export function shownStatus(status: string): string {
  return status.replace(STATE_SUFFIX, '');
}

/** An image known only by its id (its tag moved or was removed) reads as docker ps shows it: 12 hex digits. */
export function shownImage(image: string): string {
  return /^sha256:[0-9a-f]{64}$/.test(image) ? image.slice(7, 19) : image;
}
