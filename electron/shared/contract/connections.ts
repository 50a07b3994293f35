import { z } from 'zod';
import { event, method } from './define';

/** A SHA256 host key fingerprint as OpenSSH prints it. */
export const hostKeyFingerprintSchema = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a fingerprint looks like SHA256: and 43 base64 characters');

export const connectionIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a connection id is lowercase letters, digits, ".", "_" or "-"');

/** Where a connection came from: discovered on this machine, or added by the user. */
export const connectionSourceSchema = z.enum(['docker-host', 'default-socket', 'context', 'podman', 'user']);

/**
 * `connecting`: the first attempt (or one the user asked for) is under way. `reconnecting`: the
 * connection worked and was lost; Bosun retries by itself and keeps the last rows on screen, marked as
 * such. `unavailable`: it has not worked yet (or never can, see `retryable`).
 */
export const connectionStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'unavailable']);

/**
 * What an SSH login needs from the user before it can go on: the passphrase of an encrypted key file, or
 * the password of an account (the server accepts one and no key got in). Given with connections.unlock.
 */
export const credentialRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('passphrase'),
    /** The encrypted private key file, as the connection or ~/.ssh/config names it. */
    keyFile: z.string(),
    /** The host that asked (user@host[:port]; a ProxyJump host when it is one of them). */
    host: z.string(),
  }),
  z.object({
    kind: z.literal('password'),
    user: z.string(),
    /** user@host[:port], as in the reason. */
    host: z.string(),
    /** The server's own question (keyboard-interactive), when it asked one. */
    prompt: z.string().optional(),
  }),
]);
export type CredentialRequest = z.infer<typeof credentialRequestSchema>;

export const engineInfoSchema = z.object({
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  name: z.string(),
});

const tlsPathsSchema = z.object({
  ca: z.string().min(1).max(4096),
  cert: z.string().min(1).max(4096),
  key: z.string().min(1).max(4096),
});

/** What the user set for a connection they added (file paths only; secrets never leave the core). */
export const connectionSettingsSchema = z.object({
  tls: tlsPathsSchema.optional(),
  identityFile: z.string().optional(),
  remoteSocket: z.string().optional(),
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
  /** For connections the user added: what they set, so it can be edited (connections.update). */
  settings: connectionSettingsSchema.optional(),
  status: z.object({
    state: connectionStateSchema,
    /** Why the connection is not connected, for people. */
    reason: z.string().optional(),
    /** What to do about it. */
    hint: z.string().optional(),
    /** When the state last changed (ms since the epoch). */
    since: z.number(),
    engine: engineInfoSchema.optional(),
    /** While Bosun retries by itself (reconnecting, or unavailable and retryable): which try comes next and when. */
    retry: z
      .object({
        /** 1 for the first retry after the connection was lost or first failed. */
        attempt: z.number().int().positive(),
        /** When it starts (ms since the epoch). */
        at: z.number(),
      })
      .optional(),
    /** Set while an SSH host key stops the connection: what to compare before accepting, or the alarm. */
    hostKey: z
      .object({
        problem: z.enum(['unknown', 'changed']),
        host: z.string(),
        keyType: z.string(),
        fingerprint: z.string(),
      })
      .optional(),
    /** Set while an SSH login waits for a passphrase or password from the user (connections.unlock). */
    credential: credentialRequestSchema.optional(),
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

/** What connections.add takes, and connections.update with the id. */
const addFields = z.object({
  name: z.string().trim().min(1).max(80),
  endpoint: z.string().trim().min(1).max(4096),
  tls: tlsPathsSchema.optional(),
  /** ssh:// only: the private key file to log in with (else the SSH agent and ~/.ssh/id_*). */
  identityFile: z.string().min(1).max(4096).optional(),
  /** ssh:// only: the engine's socket on the remote host (default /var/run/docker.sock). */
  remoteSocket: z.string().min(2).max(1024).optional(),
  /**
   * ssh:// only: the SHA256 fingerprint the user confirmed for the host's key, from a HOST_KEY_UNKNOWN
   * refusal. Only that exact key is accepted (and recorded in Bosun's known-hosts file).
   */
  acceptHostKey: hostKeyFingerprintSchema.optional(),
});

export const connectionsMethods = {
  'connections.list': method({
    summary: 'Every known engine connection, discovered and user-added, with its live status.',
    input: z.object({}).strict(),
    output: z.array(connectionSchema),
  }),
  'connections.add': method({
    summary:
      'Add an engine by endpoint (unix:///path, tcp://host:port with TLS files, or ssh://user@host[:port]). Persisted in the data dir. An SSH host whose key is not known is refused with HOST_KEY_UNKNOWN (details: fingerprint, keyType, host) until added again with acceptHostKey.',
    input: addFields.strict(),
    output: connectionSchema,
    timeoutMs: 30_000,
  }),
  'connections.update': method({
    summary:
      'Change a connection the user added (name, endpoint, TLS files, identity file, remote socket), checked as connections.add checks; the id stays. A new endpoint or new files reconnect it; a new name alone only relabels it. Discovered connections are refused with CONFLICT (change them where they come from). An SSH host key is checked as on add.',
    input: addFields.extend({ id: connectionIdSchema }).strict(),
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
  'connections.test': method({
    summary:
      'Test a connection step by step on fresh clients (for ssh://: DNS and TCP, SSH handshake and host key, login; then the engine and its API version), stopping at the first failure.',
    input: z.object({ id: connectionIdSchema }).strict(),
    output: z.object({
      ok: z.boolean(),
      steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
    timeoutMs: 60_000,
  }),
  'connections.acceptHostKey': method({
    summary:
      "Trust an ssh:// connection's host key (one found by discovery, whose status shows hostKey): the host is asked for its key again, and only if it is exactly this fingerprint is it written to Bosun's known-hosts file (else HOST_KEY_UNKNOWN / HOST_KEY_CHANGED with the key it presents now); then the connection is retried.",
    input: z.object({ id: connectionIdSchema, fingerprint: hostKeyFingerprintSchema }).strict(),
    output: connectionSchema,
    timeoutMs: 60_000,
  }),
  'connections.unlock': method({
    summary:
      "Give the passphrase or password an ssh:// connection asks for (its status shows credential), then retry it. A passphrase is checked against the key file first, a password by logging in; a wrong one answers PERMISSION_DENIED and changes nothing. A right one is kept in memory while Bosun runs, and with remember in the platform's secret store (system.info's secretStore); never in the connections file, never logged, never sent back.",
    input: z
      .object({
        id: connectionIdSchema,
        secret: z.string().min(1).max(1024),
        /** Also keep it in the secret store, so the next start does not ask again. */
        remember: z.boolean(),
      })
      .strict(),
    output: connectionSchema,
    timeoutMs: 60_000,
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
