import type { Schedule } from '../api/schedule';

/** A hand-cranked frame clock: stores schedule on it, the test decides when a frame passes. */
export function manualFrames(): { schedule: Schedule; pending: () => number; flush: () => void } {
  let queue: Array<() => void> = [];
  return {
    schedule: (run) => {
      queue.push(run);
    },
    pending: () => queue.length,
    flush: () => {
      const due = queue;
      queue = [];
      for (const run of due) run();
    },
  };
}

/** Lets every queued promise callback and fake-core answer run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
