// What the router hands to a stream handler once auth, RBAC and the pod lookup are done.

/** The pod container a stream is for, and the engine container that backs it. */
export interface StreamTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The engine container backing that pod container. */
  readonly containerId: string;
  /** The container's IP on the test engine's bridge. */
  readonly podIP: string;
}

export interface StreamDeps {
  /** The test engine's socket (testEnv().dockerSocketPath). */
  readonly dockerSocketPath: string;
}
