import { z } from 'zod';
import { event, method } from './define';
import { clusterIdSchema, kubeObjectNameSchema, namespaceNameSchema } from './kube';

/** A forward's id: a UUID, which the client may choose so it can subscribe before starting. */
export const forwardIdSchema = z.uuid({ message: 'a port-forward id is a UUID' });

const portSchema = z.number().int().min(1).max(65_535);

/** What a forward goes to: one pod, or a service (through one ready pod it selects, as kubectl does). */
export const forwardTargetSchema = z
  .object({ kind: z.enum(['pod', 'service']), name: kubeObjectNameSchema })
  .strict();
export type ForwardTargetRef = z.infer<typeof forwardTargetSchema>;

/** One live forward: a loopback listener whose connections each reach the pod's port. */
export const portForwardSchema = z.object({
  forwardId: forwardIdSchema,
  clusterId: clusterIdSchema,
  namespace: z.string(),
  target: forwardTargetSchema,
  /** The pod the connections go to (for a service: the one chosen). */
  pod: z.string(),
  /** The port asked for (a service's port for a service). */
  remotePort: portSchema,
  /** The port on the pod (a service's targetPort, resolved). */
  podPort: portSchema,
  /** Always 127.0.0.1: a forward is never reachable from other machines. */
  address: z.literal('127.0.0.1'),
  localPort: portSchema,
  /** Connections open now. */
  connections: z.number().int().nonnegative(),
  /** Connections accepted since the start. */
  accepted: z.number().int().nonnegative(),
  /** Bytes from local clients to the pod, and back. */
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  /** The last connection that failed (the pod refused it, the cluster is gone …); the listener stays. */
  lastError: z.object({ message: z.string(), at: z.number() }).optional(),
  /** Set while the forward's cluster is not connected: new connections fail until it is back. */
  clusterLost: z.string().optional(),
  startedAt: z.number(),
});
export type PortForwardInfo = z.infer<typeof portForwardSchema>;

export const kubePortForwardMethods = {
  'kube.portForward.start': method({
    summary:
      'Listens on 127.0.0.1 (the local port asked, else an ephemeral one; never below 1024) and forwards each connection to a port of a pod, or of a service through one ready pod it selects (its targetPort resolved, named ports too). Needs create pods/portforward (PERMISSION_DENIED otherwise). The forward belongs to the caller: it stops when the caller goes away. Subscribe to kube.portForward.changed with the forwardId for its counts.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespace: namespaceNameSchema,
        target: forwardTargetSchema,
        remotePort: portSchema,
        localPort: z
          .number()
          .int()
          .min(1024, 'a local port below 1024 needs root: pick 1024 or above, or none for a free one')
          .max(65_535)
          .optional(),
        /** Chosen by the client to subscribe first; a new one when absent. */
        forwardId: forwardIdSchema.optional(),
      })
      .strict(),
    output: portForwardSchema,
    timeoutMs: 30_000,
  }),
  'kube.portForward.stop': method({
    summary: 'Stops a forward of the caller: the listener closes and its connections end.',
    input: z.object({ forwardId: forwardIdSchema }).strict(),
    output: z.null(),
  }),
  'kube.portForward.list': method({
    summary: "The caller's live forwards, with their counts.",
    input: z.object({}).strict(),
    output: z.array(portForwardSchema),
  }),
} as const;

export const kubePortForwardEvents = {
  'kube.portForward.changed': event({
    summary:
      "A forward's counts or state changed (coalesced), or it stopped (stopped: true, with why). Only the forward's owner may subscribe.",
    params: z.object({ forwardId: forwardIdSchema }).strict(),
    payload: z.object({
      forward: portForwardSchema,
      stopped: z.boolean(),
      /** Why it stopped, when it was not asked to (the client went away, Bosun is closing). */
      reason: z.string().optional(),
    }),
    matches: (params, payload) => params.forwardId === payload.forward.forwardId,
  }),
} as const;
