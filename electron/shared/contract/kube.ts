import { z } from 'zod';
import { connectionIdSchema, connectionStateSchema } from './connections';
import { event, method } from './define';

/** A cluster's id: `kube-` and a slug of its kubeconfig context (stable while the context keeps its name). */
export const clusterIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(
    /^kube-[a-z0-9][a-z0-9._-]*$/,
    'a cluster id is "kube-" and lowercase letters, digits, ".", "_" or "-"',
  );

/** A namespace name as Kubernetes allows it (RFC 1123 label). */
export const namespaceNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace is lowercase letters, digits and "-"');

/**
 * One kubeconfig context as a cluster Bosun talks to, or (with `context` absent) a kubeconfig file that
 * could not be read at all: then `status.reason`/`hint` say what is wrong with it and what to fix.
 */
export const clusterSchema = z.object({
  id: clusterIdSchema,
  /** The context's name, or the file's name for a file that could not be read. */
  name: z.string(),
  /** The kubeconfig context; absent for a file that could not be read. */
  context: z.string().optional(),
  /** The API server (`clusters[].cluster.server`), when the context names a known cluster. */
  server: z.string().optional(),
  /** The kubeconfig user the context logs in as. */
  user: z.string().optional(),
  /** The context's default namespace (what kubectl uses without -n). */
  namespace: z.string().optional(),
  /** The kubeconfig's current-context (what kubectl talks to). */
  current: z.boolean(),
  /** The kubeconfig file the context was read from. */
  file: z.string(),
  /** The SSH connection (a bastion) the API server is reached through (kube.clusters.setTunnel). */
  via: connectionIdSchema.optional(),
  /** The namespaces whose pods Bosun watches: null for all namespaces (kube.namespaces.set). */
  namespaces: z.array(z.string()).nullable(),
  status: z.object({
    state: connectionStateSchema,
    reason: z.string().optional(),
    hint: z.string().optional(),
    /** When the state last changed (ms since the epoch). */
    since: z.number(),
    /** The server's version (gitVersion) once connected. */
    version: z.string().optional(),
    /** While Bosun retries by itself: which try comes next and when (ms since the epoch). */
    retry: z.object({ attempt: z.number().int().positive(), at: z.number() }).optional(),
    /** Whether trying again can help (false for a broken kubeconfig entry: fix the file instead). */
    retryable: z.boolean(),
  }),
});
export type Cluster = z.infer<typeof clusterSchema>;

/** One pod as the list shows it; the key across clusters is `${clusterId}/${uid}`. */
export const podRowSchema = z.object({
  clusterId: clusterIdSchema,
  namespace: z.string(),
  name: z.string(),
  uid: z.string(),
  /** Pending, Running, Succeeded, Failed or Unknown. */
  phase: z.string(),
  /** Ready containers over containers, as kubectl prints it ("1/2"). */
  ready: z.string(),
  restarts: z.number().int().nonnegative(),
  /** When the last restart happened (ms since the epoch), if any container restarted. */
  lastRestartAt: z.number().optional(),
  /** metadata.creationTimestamp in ms since the epoch (the AGE column counts from it). */
  createdAt: z.number(),
  /** The STATUS column as kubectl prints it: Running, CrashLoopBackOff, ImagePullBackOff, Completed, Terminating, Init:0/1 … */
  status: z.string(),
  node: z.string().optional(),
  podIP: z.string().optional(),
  /** The controller that owns the pod (ReplicaSet, StatefulSet, DaemonSet, Job …). */
  owner: z.object({ kind: z.string(), name: z.string() }).optional(),
  containers: z.array(
    z.object({
      name: z.string(),
      image: z.string(),
      /** The ports the container declares (what a port-forward offers). */
      ports: z
        .array(
          z.object({ name: z.string().optional(), containerPort: z.number().int(), protocol: z.string() }),
        )
        .optional(),
    }),
  ),
  labels: z.record(z.string(), z.string()),
  /** Set while the pod is being deleted. */
  deleting: z.boolean(),
});
export type PodRow = z.infer<typeof podRowSchema>;

/** A cluster whose pods could not be read, returned beside the rows (never a silent empty list). */
export const clusterFailureSchema = z.object({
  clusterId: clusterIdSchema,
  code: z.string(),
  message: z.string(),
});

/** One permission question, as `kubectl auth can-i VERB RESOURCE[/SUBRESOURCE]` asks it. */
export const accessCheckSchema = z
  .object({
    verb: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z*]+$/, 'a verb is lowercase letters (get, create, delete …)'),
    resource: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9.*-]+$/, 'a resource is lowercase, like pods'),
    subresource: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9.-]+$/, 'a subresource is lowercase, like exec')
      .optional(),
    /** The API group ('' or absent for the core group: pods, services …; "apps" for deployments). */
    group: z
      .string()
      .max(253)
      .regex(/^[a-z0-9.-]*$/)
      .optional(),
  })
  .strict();
export type AccessCheck = z.infer<typeof accessCheckSchema>;

/** An object name as Kubernetes allows it (RFC 1123 subdomain). */
export const kubeObjectNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a name is lowercase letters, digits, "-" and "."');

/** The workloads a rollout restart applies to. */
export const restartableKindSchema = z.enum(['Deployment', 'StatefulSet', 'DaemonSet']);
export type RestartableKind = z.infer<typeof restartableKindSchema>;

/** The workloads with a /scale subresource Bosun offers to scale. */
export const scalableKindSchema = z.enum(['Deployment', 'StatefulSet']);
export type ScalableKind = z.infer<typeof scalableKindSchema>;

export const kubeMethods = {
  'kube.clusters.list': method({
    summary:
      'Every kubeconfig context (KUBECONFIG, else ~/.kube/config) as a cluster with its live status, and every kubeconfig file or entry that cannot be used, with what to fix. Asking starts the connections.',
    input: z.object({}).strict(),
    output: z.array(clusterSchema),
  }),
  'kube.clusters.retry': method({
    summary: 'Connect to a cluster now instead of waiting for the next retry.',
    input: z.object({ clusterId: clusterIdSchema }).strict(),
    output: clusterSchema,
    timeoutMs: 30_000,
  }),
  'kube.clusters.setTunnel': method({
    summary:
      "Reach a cluster's API server through an ssh:// connection of connections.list (a bastion), or directly again (via null); kept per context. The SSH connection is the one the engine on that host uses (one per host); a loopback port is forwarded to the API server, and TLS still checks the server's own name (tls-server-name), so only the route changes. Refused with INVALID_ARGUMENT when via is not an ssh:// connection.",
    input: z.object({ clusterId: clusterIdSchema, via: connectionIdSchema.nullable() }).strict(),
    output: clusterSchema,
    timeoutMs: 30_000,
  }),
  'kube.namespaces.list': method({
    summary: "A cluster's namespaces (names), and which of them Bosun watches (null: all).",
    input: z.object({ clusterId: clusterIdSchema }).strict(),
    output: z.object({ namespaces: z.array(z.string()), selected: z.array(z.string()).nullable() }),
    timeoutMs: 30_000,
  }),
  'kube.namespaces.set': method({
    summary:
      'Watch the pods of these namespaces only (null: all namespaces), kept in the data dir. The cluster re-lists its pods and publishes kube.pods.changed with full.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespaces: z.array(namespaceNameSchema).min(1).max(100).nullable(),
      })
      .strict(),
    output: clusterSchema,
    timeoutMs: 30_000,
  }),
  'kube.pods.list': method({
    summary:
      'Pods of every connected cluster (or of the given ones, namespaces, pods), from the live watch, with the clusters that failed beside them.',
    input: z
      .object({
        clusterIds: z.array(clusterIdSchema).max(100).optional(),
        /** Only these namespaces (within what each cluster watches). */
        namespaces: z.array(namespaceNameSchema).max(100).optional(),
        /** Only these pods: how a client re-reads what kube.pods.changed said changed. */
        uids: z.array(z.string().min(1).max(64)).max(1000).optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(podRowSchema), failures: z.array(clusterFailureSchema) }),
    timeoutMs: 30_000,
  }),
  'kube.access': method({
    summary:
      'Whether the cluster lets this user do each thing in a namespace (SelfSubjectAccessReview, answers cached briefly): ask before offering an action.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespace: namespaceNameSchema,
        checks: z.array(accessCheckSchema).min(1).max(20),
      })
      .strict(),
    output: z.array(
      z.object({
        verb: z.string(),
        resource: z.string(),
        subresource: z.string().optional(),
        allowed: z.boolean(),
        /** The authorizer's reason, when it gave one. */
        reason: z.string().optional(),
      }),
    ),
    timeoutMs: 30_000,
  }),
  'kube.pods.delete': method({
    summary:
      'Delete a pod (DELETE …/pods/NAME). Its controller (ReplicaSet, StatefulSet, DaemonSet, Job) makes a new one; a bare pod is gone for good. Refused with PERMISSION_DENIED naming the verb when RBAC forbids it, NOT_FOUND when it no longer exists.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespace: namespaceNameSchema,
        name: kubeObjectNameSchema,
        /** Seconds the containers get to stop (0: at once); absent: the pod's own grace period. */
        gracePeriodSeconds: z.number().int().min(0).max(86_400).optional(),
      })
      .strict(),
    output: z.object({}),
    timeoutMs: 30_000,
  }),
  'kube.workloads.restart': method({
    summary:
      'Rollout restart, as `kubectl rollout restart` does it: patch the pod template annotation kubectl.kubernetes.io/restartedAt, so the controller replaces every pod by its update strategy.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespace: namespaceNameSchema,
        kind: restartableKindSchema,
        name: kubeObjectNameSchema,
      })
      .strict(),
    output: z.object({ restartedAt: z.string() }),
    timeoutMs: 30_000,
  }),
  'kube.workloads.scale': method({
    summary:
      'Set the replicas of a Deployment or StatefulSet through its /scale subresource (what `kubectl scale` changes); answers the replicas asked for.',
    input: z
      .object({
        clusterId: clusterIdSchema,
        namespace: namespaceNameSchema,
        kind: scalableKindSchema,
        name: kubeObjectNameSchema,
        replicas: z.number().int().min(0).max(10_000),
      })
      .strict(),
    output: z.object({ replicas: z.number().int().nonnegative() }),
    timeoutMs: 30_000,
  }),
} as const;

export const kubeEvents = {
  'kube.clusters.changed': event({
    summary:
      'A cluster was found, removed or changed status (or its namespaces); re-read kube.clusters.list.',
    params: z.object({}).strict(),
    payload: z.object({ ids: z.array(clusterIdSchema) }),
  }),
  'kube.pods.changed': event({
    summary:
      'Pods of a cluster changed: re-read those uids (a missing row means the pod is gone), or everything with full (after a connect or re-list).',
    params: z.object({ clusterId: clusterIdSchema.optional() }).strict(),
    payload: z.object({ clusterId: clusterIdSchema, uids: z.array(z.string()), full: z.boolean() }),
    matches: (params, payload) => params.clusterId === undefined || params.clusterId === payload.clusterId,
  }),
} as const;
