import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerStateSchema } from './containers';
import { method } from './define';

/**
 * What a node of a map stands for. The model is engine-neutral: a Docker container and (later) a
 * Kubernetes pod's container are both `container`; a bind mount and a hostPath are both `hostPath`.
 */
export const mapNodeKindSchema = z.enum(['container', 'volume', 'hostPath', 'tmpfs', 'network', 'port']);
export type MapNodeKind = z.infer<typeof mapNodeKindSchema>;

/** A container as a map refers to it: enough to name it and to open its details. */
export const mapContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
  /** The compose project (or stack) it belongs to, when it says. */
  project: z.string().optional(),
});
export type MapContainer = z.infer<typeof mapContainerSchema>;

/** One thing on a map: a container, a volume, a host path, a tmpfs, a network, a published port. */
export const mapNodeSchema = z.object({
  /** Unique within the map, stable across reads (`container:<id>`, `volume:<name>`, `hostPath:<path>`). */
  id: z.string(),
  kind: mapNodeKindSchema,
  /** What people call it: a container's name, a volume's name, a path, a network's name. */
  label: z.string(),
  /** Set on container nodes. */
  container: mapContainerSchema.optional(),
  /** Bytes it holds, when known (a volume's size, a container's writable layer). */
  sizeBytes: z.number().optional(),
  /** Facts shown beside it, in order (driver, options, subnet, ICC…). */
  facts: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type MapNode = z.infer<typeof mapNodeSchema>;

export const mapEdgeKindSchema = z.enum(['bind', 'volume', 'tmpfs', 'network', 'publish']);
export type MapEdgeKind = z.infer<typeof mapEdgeKindSchema>;

/** A link between two nodes: a mount (container → what it mounts), a network membership, a published port. */
export const mapEdgeSchema = z.object({
  id: z.string(),
  /** Always the container's node. */
  from: z.string(),
  to: z.string(),
  kind: mapEdgeKindSchema,
  /** A mount's destination in the container, an address on a network, a port mapping. */
  label: z.string(),
  /** Mounts: whether the container can only read it. */
  readOnly: z.boolean().optional(),
  /** Networks: the container's aliases (DNS names) on it. */
  aliases: z.array(z.string()).optional(),
});
export type MapEdge = z.infer<typeof mapEdgeSchema>;

export const mapSeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type MapSeverity = z.infer<typeof mapSeveritySchema>;

export const mapFlagKindSchema = z.enum([
  'shared-write-path',
  'engine-socket',
  'sensitive-path',
  'network-volume',
  'data-lost-on-remove',
  'single-file-bind',
  'exposed-port',
  'flat-network',
  'host-network',
]);
export type MapFlagKind = z.infer<typeof mapFlagKindSchema>;

/** Something on a map worth a look: what it is, the evidence, and why it matters. */
export const mapFlagSchema = z.object({
  /** Stable within the map (kind plus what it is about). */
  id: z.string(),
  kind: mapFlagKindSchema,
  severity: mapSeveritySchema,
  /** One line: what was found ("/srv/data is written by web and worker"). */
  title: z.string(),
  /** One sentence: why it matters. */
  why: z.string(),
  /** The inspect fields and values that show it (`Mounts[].Source` = `/var/run/docker.sock`). */
  evidence: z.array(z.object({ container: z.string().optional(), field: z.string(), value: z.string() })),
  /** The containers it is about (each links to its details). */
  containers: z.array(mapContainerSchema),
  /** The nodes it is about, to highlight them on the graph. */
  nodes: z.array(z.string()),
});
export type MapFlag = z.infer<typeof mapFlagSchema>;

const mapBase = {
  connectionId: connectionIdSchema,
  nodes: z.array(mapNodeSchema),
  edges: z.array(mapEdgeSchema),
  flags: z.array(mapFlagSchema),
  /** What could not be read or measured, said plainly (sizes unknown, containers gone while reading). */
  notes: z.array(z.string()),
};

export const storageMapSchema = z.object(mapBase);
export type StorageMap = z.infer<typeof storageMapSchema>;

/** How a container is networked: on networks it can share, on the host's stack, on none, or in another's. */
export const networkModeSchema = z.enum(['networks', 'host', 'none', 'container']);
export type NetworkModeKind = z.infer<typeof networkModeSchema>;

/** One container of the matrix, and how far the matrix can speak for it. */
export const reachContainerSchema = mapContainerSchema.extend({
  mode: networkModeSchema,
  /** container mode: whose network namespace it joins (it reaches what that one reaches). */
  sharesWith: z.string().optional(),
  /** Set when the matrix cannot say everything about it (host network, none, a namespace it borrows). */
  note: z.string().optional(),
});
export type ReachContainer = z.infer<typeof reachContainerSchema>;

/** A can open connections to B: they share at least one network that lets its members talk. */
export const reachPairSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Names of the networks that carry it. */
  via: z.array(z.string()).min(1),
  /** Both have an endpoint on it now (they run); false: they would, once started. */
  live: z.boolean(),
});
export type ReachPair = z.infer<typeof reachPairSchema>;

export const networkMapSchema = z.object({
  ...mapBase,
  reachability: z.object({
    containers: z.array(reachContainerSchema),
    /** Each unordered pair once (from < to by id): network reachability is symmetric. */
    pairs: z.array(reachPairSchema),
  }),
});
export type NetworkMap = z.infer<typeof networkMapSchema>;

const mapInput = z.object({ connectionId: connectionIdSchema }).strict();

export const mapsMethods = {
  'maps.storage': method({
    summary:
      "One engine's storage map: containers and the volumes, host paths and tmpfs they mount, with sizes, and flags (shared writable host paths, sensitive host paths, the engine socket, network volumes, data a remove would lose, single-file binds).",
    input: mapInput,
    output: storageMapSchema,
    // Volume and writable-layer sizes walk files on the engine's disk.
    timeoutMs: 240_000,
  }),
  'maps.network': method({
    summary:
      "One engine's network map: networks and their containers with addresses and aliases, published ports (those on every interface marked exposed), who can reach whom through which network, and flat networks that join different projects.",
    input: mapInput,
    output: networkMapSchema,
    timeoutMs: 120_000,
  }),
} as const;
