import { z } from 'zod';
import { event, method } from './define';

export const connectionIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a connection id is lowercase letters, digits, ".", "_" or "-"');

/** Where a connection came from: discovered on this machine, or added by the user. */
export const connectionSourceSchema = z.enum(['docker-host', 'default-socket', 'context', 'podman', 'user']);

export const connectionStateSchema = z.enum(['connecting', 'connected', 'unavailable']);

export const engineInfoSchema = z.object({
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  name: z.string(),
});

export const connectionSchema = z.object({
  id: connectionIdSchema,
  name: z.string(),
  kind: z.literal('docker'),
  /** The endpoint as a person reads it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  endpoint: z.string(),
  source: connectionSourceSchema,
  /** The docker context this connection was read from, if any. */
  contextName: z.string().optional(),
  /** True for the docker CLI's current context (or DOCKER_HOST), the engine `docker ps` talks to. */
  current: z.boolean(),
  tls: z.boolean(),
  status: z.object({
    state: connectionStateSchema,
    /** Why the connection is not connected, for people. */
    reason: z.string().optional(),
    /** What to do about it. */
    hint: z.string().optional(),
    /** When the state last changed (ms since the epoch). */
    since: z.number(),
    engine: engineInfoSchema.optional(),
    /**
     * Whether trying again can help. False for connections Bosun never dials (an SSH endpoint, a broken
     * context file): the reason and hint say what to change instead.
     */
    retryable: z.boolean(),
  }),
});
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionState = z.infer<typeof connectionStateSchema>;
export type ConnectionSource = z.infer<typeof connectionSourceSchema>;

const tlsPathsSchema = z.object({
  ca: z.string().min(1).max(4096),
  cert: z.string().min(1).max(4096),
  key: z.string().min(1).max(4096),
});

export const connectionsMethods = {
  'connections.list': method({
    summary: 'Every known engine connection, discovered and user-added, with its live status.',
    input: z.object({}).strict(),
    output: z.array(connectionSchema),
  }),
  'connections.add': method({
    summary:
      'Add an engine by endpoint (unix:///path or tcp://host:port, with TLS files for tcp). Persisted in the data dir.',
    input: z
      .object({
        name: z.string().trim().min(1).max(80),
        endpoint: z.string().trim().min(1).max(4096),
        tls: tlsPathsSchema.optional(),
      })
      .strict(),
    output: connectionSchema,
    timeoutMs: 30_000,
  }),
  'connections.remove': method({
    summary: 'Forget a user-added connection (discovered ones come back from their source).',
    input: z.object({ id: connectionIdSchema }).strict(),
    output: z.object({ id: connectionIdSchema }),
  }),
  'connections.retry': method({
    summary: 'Try to connect now instead of waiting for the next retry.',
    input: z.object({ id: connectionIdSchema }).strict(),
    output: connectionSchema,
    timeoutMs: 30_000,
  }),
  'connections.rediscover': method({
    summary:
      'Look for engines again (sockets, DOCKER_HOST, docker contexts, Podman) and return the list. Bosun also does this by itself when those change.',
    input: z.object({}).strict(),
    output: z.array(connectionSchema),
  }),
} as const;

export const connectionsEvents = {
  'connections.changed': event({
    summary: 'A connection was added, removed or changed status; re-read connections.list.',
    params: z.object({}).strict(),
    payload: z.object({ ids: z.array(connectionIdSchema) }),
  }),
} as const;
