import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerIdSchema } from './containers';
import { event, method } from './define';

/** Chosen by the client (a UUID): it names one set of containers the client shows. */
export const statsWatchIdSchema = z.uuid({ message: 'a stats watch id is a UUID' });

/** The most containers one watch may ask for: about two screens of table rows. */
export const MAX_STATS_TARGETS = 100;
/** The most watches one client may hold (a table, a details pane, a few spare). */
export const MAX_STATS_WATCHES_PER_CLIENT = 8;
/** The most samples of one container carried by one event (normally one a second). */
export const MAX_SAMPLES_PER_ENTRY = 5;

export const statsTargetSchema = z
  .object({ connectionId: connectionIdSchema, containerId: containerIdSchema })
  .strict();
export type StatsTarget = z.infer<typeof statsTargetSchema>;

const bytes = z.number().min(0);
const rate = z.number().min(0);

/** One second of a container's resource use, computed exactly as `docker stats` does. */
export const statsSampleSchema = z.object({
  /** When the engine read it, in ms since the epoch. */
  time: z.number(),
  /** CPU use in percent of one CPU: 250 means two and a half CPUs busy; 0 while paused. */
  cpuPercent: z.number().min(0),
  /** CPUs the container may run on (the chart's ceiling is onlineCpus × 100 %). */
  onlineCpus: z.number().int().min(0),
  /** Memory in use, without the page cache the kernel can drop (what `docker stats` shows). */
  memoryBytes: bytes,
  /** The container's memory limit, or the host's memory when it has none (see memoryLimited). */
  memoryLimitBytes: bytes,
  /** Whether the container has a memory limit of its own (below the host's memory). */
  memoryLimited: z.boolean(),
  /** Bytes received and sent over every interface since the container started, and per second now. */
  networkRxBytes: bytes,
  networkTxBytes: bytes,
  networkRxRate: rate,
  networkTxRate: rate,
  /** Bytes read from and written to block devices since the container started, and per second now. */
  blockReadBytes: bytes,
  blockWriteBytes: bytes,
  blockReadRate: rate,
  blockWriteRate: rate,
  /** Processes and threads in the container; null when the engine does not say. */
  pids: z.number().int().min(0).nullable(),
});
export type StatsSample = z.infer<typeof statsSampleSchema>;

export const statsStatusSchema = z.enum([
  /** The engine stream is opening; the first sample comes within about two seconds. */
  'starting',
  /** Samples are flowing. */
  'live',
  /** The container is not running (created, exited, restarting): it has no stats. */
  'not-running',
  /** The container is gone from its engine. */
  'gone',
  /** Not sampled: the engine already streams stats for as many containers as Bosun allows. */
  'not-sampled',
  /** The engine is not connected, or its stream broke off (the message says which). */
  'unavailable',
]);
export type StatsStatus = z.infer<typeof statsStatusSchema>;

export const statsEntrySchema = z.object({
  connectionId: connectionIdSchema,
  containerId: containerIdSchema,
  status: statsStatusSchema,
  /** Why it is not live, for people ("" when live). */
  message: z.string(),
  /** Samples taken since the previous event for this container, oldest first. */
  samples: z.array(statsSampleSchema).max(MAX_SAMPLES_PER_ENTRY),
});
export type StatsEntry = z.infer<typeof statsEntrySchema>;

export const statsSamplesSchema = z.object({
  watchId: statsWatchIdSchema,
  /** Only the containers with something new (a sample or a change of status). */
  entries: z.array(statsEntrySchema).max(MAX_STATS_TARGETS),
});
export type StatsSamples = z.infer<typeof statsSamplesSchema>;

const watchRef = z.object({ watchId: statsWatchIdSchema }).strict();

export const statsMethods = {
  'stats.watch': method({
    summary:
      'Sets the containers a client shows (replacing its previous set); their stats arrive once a second as stats.samples.',
    input: z
      .object({
        watchId: statsWatchIdSchema,
        targets: z.array(statsTargetSchema).max(MAX_STATS_TARGETS),
      })
      .strict(),
    output: z.null(),
  }),
  'stats.unwatch': method({
    summary: 'Ends a watch: its containers stop being sampled for this client.',
    input: watchRef,
    output: z.null(),
  }),
} as const;

export const statsEvents = {
  'stats.samples': event({
    summary:
      "One batch a second for a watch: every container of its set with new samples or a new status (only the watch's owner may subscribe).",
    params: watchRef,
    payload: statsSamplesSchema,
    matches: (params, payload) => params.watchId === payload.watchId,
  }),
} as const;
