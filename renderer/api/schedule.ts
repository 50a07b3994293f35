/** Runs a callback later, once; stores take one so tests can flush by hand instead of by the clock. */
export type Schedule = (run: () => void) => void;

/**
 * Once per animation frame: a burst of events becomes one re-read per frame. Hidden tabs get no frames,
 * so a timeout takes over there and the list is current when the tab comes back.
 */
export const nextFrame: Schedule = (run) => {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    setTimeout(run, 16);
    return;
  }
  requestAnimationFrame(() => run());
};
