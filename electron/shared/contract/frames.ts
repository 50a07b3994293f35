import { z } from 'zod';
import { wireErrorSchema } from '../errors';

/**
 * The frames every transport carries (IPC, WebSocket, in-process). One protocol means one client and
 * one router serve all three faces; transports only move frames.
 */
const id = z.string().min(1).max(64);

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]);
export type Envelope<T = unknown> =
  { ok: true; value: T } | { ok: false; error: z.infer<typeof wireErrorSchema> };

export const clientFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, method: z.string().max(128), params: z.unknown() }),
  z.object({ t: z.literal('cancel'), id }),
  z.object({ t: z.literal('sub'), id, topic: z.string().max(128), params: z.unknown() }),
  z.object({ t: z.literal('unsub'), id }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id, envelope: envelopeSchema }),
  z.object({ t: z.literal('subscribed'), id, envelope: envelopeSchema }),
  z.object({ t: z.literal('event'), id, payload: z.unknown() }),
  z.object({ t: z.literal('closed'), id, error: wireErrorSchema }),
]);
export type ServerFrame =
  | { t: 'result'; id: string; envelope: Envelope }
  | { t: 'subscribed'; id: string; envelope: Envelope }
  | { t: 'event'; id: string; payload: unknown }
  | { t: 'closed'; id: string; error: z.infer<typeof wireErrorSchema> };
