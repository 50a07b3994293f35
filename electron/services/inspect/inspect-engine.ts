/** The engine's inspect document, parsed but otherwise untouched (nothing about its shape is trusted). */
export type InspectDocument = Record<string, unknown>;

/** An image's own defaults, to tell what a container set from what it inherited. */
export interface ImageDefaults {
  /** Config.Entrypoint of the image; null when it has none. */
  readonly entrypoint: readonly string[] | null;
  /** Config.Cmd of the image; null when it has none. */
  readonly cmd: readonly string[] | null;
}

/**
 * Inspect documents of one engine. Failures are AppErrors: NOT_FOUND (details.reason
 * `container-gone`) for a container that was removed, UNAVAILABLE for an engine that went away.
 */
export interface InspectEngine {
  /** GET /containers/{id}/json, as the engine returns it. */
  container(id: string, signal?: AbortSignal): Promise<InspectDocument>;
  /** The image's Entrypoint and Cmd (GET /images/{id}/json); undefined when the image is gone. */
  imageDefaults(id: string, signal?: AbortSignal): Promise<ImageDefaults | undefined>;
}
