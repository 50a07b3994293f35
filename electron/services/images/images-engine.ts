import type { ImageLayer } from '../../shared/contract';

/** An image as GET /images/json lists it, before the service adds the containers using it. */
export interface ImageSummary {
  /** `sha256:…` */
  readonly id: string;
  /** `repo:tag` names; empty for a dangling image. */
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly size: number;
  /** ms since the epoch. */
  readonly created: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** What a removal did: names removed, image and layer ids deleted. */
export interface ImageRemoval {
  readonly untagged: readonly string[];
  readonly deleted: readonly string[];
}

export interface ImagePruneFilter {
  /** true: only images without a name (`docker image prune`); false: every unused one (`-a`). */
  readonly danglingOnly: boolean;
  readonly label?: string;
  /** Only images created before this moment (ms): what appeared after the plan stays. */
  readonly until?: number;
}

export interface ImagePruneOutcome extends ImageRemoval {
  /** Bytes, as the engine reports them. */
  readonly spaceReclaimed: number;
}

/**
 * Images of one engine. Failures are AppErrors: NOT_FOUND for an image that is gone, CONFLICT when the
 * engine refuses (used by a container, several names) with the engine's words in the message.
 */
export interface ImagesEngine {
  list(signal?: AbortSignal): Promise<ImageSummary[]>;
  /** GET /images/{ref}/history, newest step first. */
  history(ref: string, signal?: AbortSignal): Promise<ImageLayer[]>;
  /** DELETE /images/{ref}: a name only untags while another name points at the image. */
  remove(ref: string, options: { readonly force: boolean }, signal?: AbortSignal): Promise<ImageRemoval>;
  prune(filter: ImagePruneFilter, signal?: AbortSignal): Promise<ImagePruneOutcome>;
}
