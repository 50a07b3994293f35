import { z } from 'zod';
import { defineContract, event, method } from '../../shared/contract/define';
import { bytesSchema } from '../../shared/contract/terminal';
import { errorCodeSchema } from '../../shared/errors';

/**
 * A small contract for the transport conformance suite: each method exercises one path of the
 * dispatcher (success, handler error, unexpected error, server timeout, cancellation), and one topic
 * has a filter. Tests only.
 */
export const testContract = defineContract({
  methods: {
    'test.echo': method({
      summary: 'Answers with its input.',
      input: z.object({ text: z.string().max(20_000_000), n: z.number().int().optional() }).strict(),
      output: z.object({ text: z.string(), n: z.number().int().optional() }),
    }),
    'test.slow': method({
      summary: 'Waits `ms` milliseconds, or until its signal fires.',
      input: z.object({ ms: z.number().int().min(0).max(120_000) }).strict(),
      output: z.object({ waited: z.number() }),
      timeoutMs: 120_000,
    }),
    'test.fail': method({
      summary: 'Throws the AppError it is given.',
      input: z.object({ code: errorCodeSchema, message: z.string().max(500) }).strict(),
      output: z.null(),
    }),
    'test.boom': method({
      summary: 'Throws an unexpected Error with internals in its message.',
      input: z.object({}).strict(),
      output: z.null(),
    }),
    'test.bytes': method({
      summary: 'Publishes its bytes on test.chunks, then answers their length.',
      input: z.object({ data: bytesSchema }).strict(),
      output: z.object({ length: z.number().int() }),
    }),
    'test.hang': method({
      summary: 'Never answers on its own: the core times it out.',
      input: z.object({}).strict(),
      output: z.null(),
      timeoutMs: 150,
    }),
  },
  events: {
    'test.chunks': event({
      summary: 'Bytes, as test.bytes received them.',
      params: z.object({}).strict(),
      payload: z.object({ seq: z.number().int(), data: bytesSchema }),
    }),
    'test.ticks': event({
      summary: 'Numbered ticks in rooms; subscribers may ask for one room only.',
      params: z.object({ room: z.string().max(40).optional() }).strict(),
      payload: z.object({ room: z.string(), n: z.number(), blob: z.string().optional() }),
      matches: (params, payload) => params.room === undefined || params.room === payload.room,
    }),
  },
});

export type TestContract = typeof testContract;

/** What test.boom throws: none of it may reach a client. */
export const BOOM_SECRET = 'secret internals: /etc/bosun/private.key';
