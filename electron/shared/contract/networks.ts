import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { actionResultSchema, containerStateSchema } from './containers';
import { method } from './define';
import { listMethod, pruneMethod } from './resources';

/** A network id (or a unique prefix) or name (it goes into the request path). */
export const networkRefSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a network is an id or a name: letters, digits, "_", "." or "-"');

export const subnetSchema = z.object({
  subnet: z.string(),
  gateway: z.string().optional(),
  ipRange: z.string().optional(),
});

/** A container on a network: with addresses while it runs; a stopped one only keeps the setting. */
export const networkContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
  /** Address with prefix length (10.0.0.2/24), while attached. */
  ipv4: z.string().optional(),
  ipv6: z.string().optional(),
  /** The container has an endpoint on the network now (it runs); false: it is only configured to join it. */
  attached: z.boolean(),
});
export type NetworkContainer = z.infer<typeof networkContainerSchema>;

export const networkRowSchema = z.object({
  connectionId: connectionIdSchema,
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  ipv6: z.boolean(),
  /** ms since the epoch; null when the engine does not say. */
  created: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  subnets: z.array(subnetSchema),
  /** One of the engine's own networks (bridge, host, none): it cannot be removed. */
  builtIn: z.boolean(),
  containers: z.array(networkContainerSchema),
});
export type NetworkRow = z.infer<typeof networkRowSchema>;

export const networksMethods = {
  'networks.list': listMethod(
    'Networks of every connected engine (or of the given connections) with their subnets and containers, and the connections that failed beside them.',
    networkRowSchema,
  ),
  'networks.remove': method({
    summary:
      'Removes networks of one connection, with a result per network (built-in networks and networks with running containers are refused, saying why).',
    input: z
      .object({ connectionId: connectionIdSchema, ids: z.array(networkRefSchema).min(1).max(100) })
      .strict(),
    output: z.object({ results: z.array(actionResultSchema) }),
    timeoutMs: 300_000,
  }),
  'networks.prune': pruneMethod(
    'Removes networks no running container is attached to (never the built-in ones); a dry run says what would go.',
    300_000,
    {},
  ),
} as const;
