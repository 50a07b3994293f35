import type { Readable } from 'node:stream';

/** An image as GET /images/json lists it. */
export interface ImageRow {
  /** `sha256:…` */
  readonly id: string;
  /** `repo:tag` names; empty for a dangling image. */
  readonly tags: readonly string[];
  /** Unix seconds. */
  readonly created: number;
}

/** A container as the toolbox sees it: enough to check a target and to find sidecars. */
export interface LabelledContainer {
  /** The full id. */
  readonly id: string;
  /** Without the leading slash. */
  readonly name: string;
  /** The engine's State.Status: created, running, paused, restarting, removing, exited, dead. */
  readonly state: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The container the toolbox creates: a subset of POST /containers/create, with the Engine API's
 * own names so what Bosun asks for reads like the API reference.
 */
export interface ContainerSpec {
  readonly name: string;
  readonly Image: string;
  readonly Cmd: readonly string[];
  readonly Labels: Readonly<Record<string, string>>;
  readonly OpenStdin: boolean;
  readonly StdinOnce: boolean;
  readonly Tty: boolean;
  readonly HostConfig: {
    readonly NetworkMode: string;
    readonly PidMode: string;
    readonly AutoRemove: boolean;
    readonly CapAdd: readonly string[];
    readonly Init: boolean;
  };
}

/**
 * A container's stdin held open by Bosun. When it closes (release(), or the link to the engine
 * breaks because Bosun ended) the container's stdin reaches EOF.
 */
export interface Leash {
  /** Closes the stdin connection; does nothing when it is closed already. */
  release(): void;
  /** Resolves once the connection is closed, whoever closed it. */
  readonly closed: Promise<void>;
}

/** Short human messages about a long engine operation (pull, build), in order. */
export type ProgressListener = (message: string) => void;

/**
 * The engine operations the toolbox needs: find, pull or build its image, and run it as a sidecar.
 * Every failure is an AppError: NOT_FOUND for an object that is gone, CONFLICT for one in the wrong
 * state, UNAVAILABLE for an engine that went away or an operation that failed (a pull from an
 * unreachable registry, a build error), TIMEOUT, CANCELLED.
 */
export interface ToolboxEngine {
  /** Where the engine runs containers (GET /version): `{ os: 'linux', arch: 'amd64' }`. */
  platform(signal?: AbortSignal): Promise<{ os: string; arch: string }>;
  /** Images carrying `label` (`key=value`). */
  listImages(label: string, signal?: AbortSignal): Promise<ImageRow[]>;
  /** Pulls `ref` (`busybox:1.36-musl`); errors reported inside the progress stream reject too. */
  pullImage(ref: string, onProgress: ProgressListener, signal?: AbortSignal): Promise<void>;
  /**
   * Builds a tar context with the classic builder (no BuildKit: engines without buildx have it);
   * resolves with the image id. A failing step rejects with the builder's message.
   */
  buildImage(
    context: Readable,
    options: { readonly tag: string; readonly labels?: Readonly<Record<string, string>> },
    onProgress: ProgressListener,
    signal?: AbortSignal,
  ): Promise<string>;
  /** Gives `image` (a name or id) the name `ref` (`repo:tag`). */
  tagImage(image: string, ref: string, signal?: AbortSignal): Promise<void>;
  inspectContainer(id: string, signal?: AbortSignal): Promise<LabelledContainer>;
  /** Containers carrying `label` (`key=value`), stopped ones included. */
  listContainers(label: string, signal?: AbortSignal): Promise<LabelledContainer[]>;
  /** Resolves with the new container's id. */
  createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string>;
  startContainer(id: string, signal?: AbortSignal): Promise<void>;
  /** Attaches to the container's stdin only (no output), for a container created with OpenStdin. */
  attachStdin(id: string, signal?: AbortSignal): Promise<Leash>;
  /** Removes a container, running or not, with its anonymous volumes; false when it was gone already. */
  removeContainer(id: string, signal?: AbortSignal): Promise<boolean>;
}
