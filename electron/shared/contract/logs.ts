import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerIdSchema } from './containers';
import { event, method } from './define';
import { ackCountSchema } from './streams';

/** Chosen by the client (a UUID) so it can subscribe to the stream's lines before opening it. */
export const logStreamIdSchema = z.uuid({ message: 'a log stream id is a UUID' });

/**
 * A point in time as the engine takes it for since/until: unix seconds with up to nine decimals
 * ("1732480000.123456789"). Nanoseconds matter: paging back asks for what came before a line's exact time.
 */
export const logTimeSchema = z
  .string()
  .regex(/^[0-9]{1,11}(\.[0-9]{1,9})?$/, 'a log time is unix seconds, with up to nine decimals');

export const logStreamKindSchema = z.enum(['stdout', 'stderr']);

export const logLineSchema = z.object({
  /** stdout or stderr; a TTY container has only stdout (the engine cannot tell them apart). */
  stream: logStreamKindSchema,
  /** The engine's timestamp of the line, unix seconds with nine decimals (for paging and since/until). */
  time: logTimeSchema,
  /** The line without its newline, ANSI escapes kept (the viewer renders them). */
  text: z.string(),
});
export type LogLine = z.infer<typeof logLineSchema>;

const logSelection = {
  connectionId: connectionIdSchema,
  containerId: containerIdSchema,
  stdout: z.boolean().default(true),
  stderr: z.boolean().default(true),
};

export const logsOpenInputSchema = z
  .object({
    streamId: logStreamIdSchema,
    ...logSelection,
    /** Keep streaming new lines after the existing ones (`docker logs -f`). */
    follow: z.boolean().default(true),
    /** Only the last N existing lines; all of them when absent. */
    tail: z.number().int().min(0).max(10_000_000).optional(),
    since: logTimeSchema.optional(),
    until: logTimeSchema.optional(),
  })
  .strict();

export const logsEndReasonSchema = z.enum([
  /** Every line asked for was sent (no follow, or until reached). */
  'complete',
  /** The container was removed. */
  'container-gone',
  /** The engine connection was lost. */
  'engine-lost',
  /** The client closed it. */
  'closed',
]);
export type LogsEndReason = z.infer<typeof logsEndReasonSchema>;

export const logsOutputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lines'), streamId: logStreamIdSchema, lines: z.array(logLineSchema) }),
  z.object({
    type: z.literal('ended'),
    streamId: logStreamIdSchema,
    reason: logsEndReasonSchema,
    /** What happened and what to do next ("" when complete). */
    message: z.string(),
  }),
]);
export type LogsOutput = z.infer<typeof logsOutputSchema>;

/** The most lines one page-back call returns. */
export const MAX_LOG_PAGE = 10_000;

const streamRef = z.object({ streamId: logStreamIdSchema }).strict();

export const logsMethods = {
  'logs.open': method({
    summary:
      "Streams a container's log lines (subscribe to logs.output with the same streamId first); follow keeps it open.",
    input: logsOpenInputSchema,
    output: z.object({
      streamId: logStreamIdSchema,
      /** A TTY container's lines are all stdout: the engine cannot tell stderr apart. */
      tty: z.boolean(),
    }),
    timeoutMs: 30_000,
  }),
  'logs.ack': method({
    summary:
      'Says how many lines the client has taken since its last ack; a stream pauses while too many are unacknowledged.',
    input: z.object({ streamId: logStreamIdSchema, lines: ackCountSchema }).strict(),
    output: z.null(),
  }),
  'logs.close': method({
    summary: 'Ends a log stream.',
    input: streamRef,
    output: z.null(),
  }),
  'logs.page': method({
    summary:
      'The lines just before a point in time (paging backwards from the first line on screen), oldest first.',
    input: z
      .object({
        ...logSelection,
        /** The time of the oldest line the client has; lines at exactly this time that it has are skipped. */
        before: logTimeSchema,
        /**
         * How many lines at exactly `before` the client already has: its oldest lines, which are the
         * last ones the engine has at that time (the engine returns every line at `before`).
         */
        haveAtBefore: z.number().int().min(0).max(MAX_LOG_PAGE).default(0),
        limit: z.number().int().min(1).max(MAX_LOG_PAGE).default(1000),
      })
      .strict(),
    output: z.object({
      lines: z.array(logLineSchema),
      /** Whether older lines may exist before the first one returned. */
      more: z.boolean(),
    }),
    timeoutMs: 60_000,
  }),
} as const;

export const logsEvents = {
  'logs.output': event({
    summary: "A log stream's lines, in batches, and how it ended.",
    params: streamRef,
    payload: logsOutputSchema,
    matches: (params, payload) => params.streamId === payload.streamId,
  }),
} as const;
