import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type {
  ContainerSpec,
  ImageRow,
  LabelledContainer,
  Leash,
  ToolboxEngine,
} from '../containers/toolbox-engine';

/**
 * Images and containers in memory, for unit tests of the toolbox: records every call in `calls`,
 * fails where a test says (`pullError`, `failStart`), and can hold a pull open (`pullGate`).
 */
export class FakeToolbox implements ToolboxEngine {
  images: ImageRow[] = [];
  arch = 'amd64';
  pullError: AppError | undefined;
  pullGate: Promise<void> = Promise.resolve();
  readonly calls: string[] = [];
  /** Each build context, as latin1 text (tar headers and all). */
  readonly contexts: string[] = [];
  readonly signals: AbortSignal[] = [];
  readonly containers = new Map<string, LabelledContainer>();
  readonly created: ContainerSpec[] = [];
  readonly leashes: { released: boolean }[] = [];
  failStart: AppError | undefined;
  /** What happens to the target while the sidecar starts. */
  onStart: (() => void) | undefined;

  async platform(): Promise<{ os: string; arch: string }> {
    return { os: 'linux', arch: this.arch };
  }
  async listImages(label: string, signal?: AbortSignal): Promise<ImageRow[]> {
    this.calls.push(`list ${label}`);
    if (signal) this.signals.push(signal);
    return this.images;
  }
  async pullImage(ref: string, onProgress: (m: string) => void, signal?: AbortSignal): Promise<void> {
    this.calls.push(`pull ${ref}`);
    onProgress('a1b2: Downloading 50%');
    await this.pullGate;
    if (signal?.aborted) throw new AppError('CANCELLED', 'The pull call was cancelled.');
    if (this.pullError) throw this.pullError;
  }
  async buildImage(
    context: Readable,
    options: { tag: string; labels?: Readonly<Record<string, string>> },
    onProgress: (m: string) => void,
  ): Promise<string> {
    this.calls.push(`build ${options.tag} ${JSON.stringify(options.labels)}`);
    const chunks: Buffer[] = [];
    for await (const chunk of context) chunks.push(chunk as Buffer);
    this.contexts.push(Buffer.concat(chunks).toString('latin1'));
    onProgress('Step 1/4 : FROM scratch');
    return 'sha256:built';
  }
  async tagImage(image: string, ref: string): Promise<void> {
    this.calls.push(`tag ${image} ${ref}`);
  }
  async inspectContainer(id: string): Promise<LabelledContainer> {
    const found = this.containers.get(id);
    if (!found) throw new AppError('NOT_FOUND', `The engine has no such object: No such container: ${id}.`);
    return found;
  }
  async listContainers(label: string): Promise<LabelledContainer[]> {
    const [key, value] = label.split('=');
    return [...this.containers.values()].filter((c) => key !== undefined && c.labels[key] === value);
  }
  async createContainer(spec: ContainerSpec): Promise<string> {
    this.created.push(spec);
    const id = `side${this.created.length}`;
    this.containers.set(id, { id, name: spec.name, state: 'created', labels: spec.Labels });
    this.calls.push(`create ${id}`);
    return id;
  }
  async attachStdin(id: string): Promise<Leash> {
    this.calls.push(`attach ${id}`);
    const leash = { released: false };
    this.leashes.push(leash);
    return { release: () => void (leash.released = true), closed: new Promise(() => undefined) };
  }
  async startContainer(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
    this.onStart?.();
    if (this.failStart) throw this.failStart;
  }
  async removeContainer(id: string): Promise<boolean> {
    this.calls.push(`remove ${id}`);
    return this.containers.delete(id);
  }
}
