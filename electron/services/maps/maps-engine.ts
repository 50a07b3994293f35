/**
 * What the maps need from one engine beyond what the other ports already read (inspect, volumes,
 * networks, files). Failures are AppErrors translated where they happened.
 */
export interface MapsEngine {
  /**
   * Writable-layer bytes of every container by full id (`GET /containers/json?all=1&size=1`). Slow on a
   * big host: the engine walks each container's changed files.
   */
  writableSizes(signal?: AbortSignal): Promise<ReadonlyMap<string, number>>;
}
