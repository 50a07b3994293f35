import type { ProgramEntry } from './schema';

/** Reference §1.2, Java row: what any HotSpot JVM does with the usual "reload" signals. */
export const JVM_SOURCE =
  'https://docs.oracle.com/javase/8/docs/technotes/guides/troubleshoot/signals006.html';

const exits = 'HotSpot runs its shutdown hooks and the JVM exits (unless started with -Xrs) (V)';

export const JVM_SIGNALS_TO_AVOID: ProgramEntry['signalsToAvoid'] = [
  { signal: 'HUP', why: exits },
  { signal: 'INT', why: exits },
  { signal: 'TERM', why: exits },
];

export const JVM_CAVEAT = 'Never send SIGHUP: it makes the JVM run its shutdown hooks and exit (V).';
