import { AppError } from '../../shared/errors';
import { FakeExec } from './fake-exec';
import { FakeFiles } from './fake-files';
import { FakeGuidance } from './fake-guidance';
import { FakeAudit } from './fake-audit';
import { FakeInspect } from './fake-inspect';
import { FakeLogs } from './fake-logs';
import { FakeStats } from './fake-stats';
import { FakeMaps } from './fake-maps';
import { FakeLifecycle } from './fake-lifecycle';
import { FakeToolbox } from './fake-toolbox';
import { FakeDisk, FakeImages, FakeNetworks, FakeVolumes } from './fake-resources';
import type {
  ContainerEngine,
  ContainerSummary,
  EngineInfo,
  EventStream,
  EventStreamHandlers,
} from '../containers/container-engine';

/** A container row with sensible defaults, for fakes. */
export function fakeContainer(id: string, overrides: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id,
    name: `c-${id.slice(0, 6)}`,
    image: 'local/busybox:1',
    imageId: 'sha256:0',
    command: 'sleep 3600',
    created: 1_700_000_000_000,
    state: 'running',
    status: 'Up 1 second',
    ports: [],
    labels: {},
    ...overrides,
  };
}

/** A 64-hex id from a number, as the engine would give. */
export function hexId(n: number): string {
  return n.toString(16).padStart(64, '0');
}

/**
 * An in-memory engine for unit tests of the cache and the session: it records every call, emits
 * events on demand and fails when told to.
 */
export class FakeEngine implements ContainerEngine {
  readonly containers = new Map<string, ContainerSummary>();
  readonly files = new FakeFiles();
  readonly inspect = new FakeInspect();
  readonly exec = new FakeExec();
  readonly toolbox = new FakeToolbox();
  readonly logs = new FakeLogs();
  readonly stats = new FakeStats();
  readonly maps = new FakeMaps();
  readonly images = new FakeImages();
  readonly volumes = new FakeVolumes();
  readonly networks = new FakeNetworks();
  readonly disk = new FakeDisk();
  readonly guidance = new FakeGuidance();
  readonly audit = new FakeAudit();
  /** What version() reports as the Engine API version (volume prune differs before 1.42). */
  apiVersion = '1.99';
  /** Lifecycle calls as `action id`; a container id in `gone` answers NOT_FOUND. */
  readonly acted: string[] = [];
  readonly gone = new Set<string>();
  readonly lifecycle = new FakeLifecycle(this.containers, this.acted, this.gone);
  readonly calls = { version: 0, pings: 0, fullLists: 0, filteredLists: [] as string[][] };
  /** Errors to fail with; a plain Error stands for a library error nobody translated. */
  versionError: Error | undefined;
  listError: Error | undefined;
  pingError: Error | undefined;
  /** Pings never answer (an engine that stopped answering without closing anything). */
  pingHangs = false;
  /** When set, version() waits for it: an attempt held in flight. */
  versionGate: Promise<void> | undefined;
  /** How long each list call takes (ms), so tests can pile events up behind one. */
  listDelayMs = 0;
  closed = false;
  private handlers: EventStreamHandlers | undefined;

  async version(): Promise<EngineInfo> {
    this.calls.version++;
    if (this.versionGate) await this.versionGate;
    if (this.versionError) throw this.versionError;
    return { version: '99.0', apiVersion: this.apiVersion, os: 'linux', arch: 'amd64', name: 'Fake Engine' };
  }

  async ping(signal?: AbortSignal): Promise<void> {
    this.calls.pings++;
    if (this.pingHangs) {
      await new Promise<void>((_, reject) =>
        signal?.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled')), {
          once: true,
        }),
      );
    }
    if (this.pingError) throw this.pingError;
  }

  async listContainers(
    filter: { readonly ids?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<ContainerSummary[]> {
    if (filter.ids) this.calls.filteredLists.push([...filter.ids]);
    else this.calls.fullLists++;
    if (this.listDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.listDelayMs));
    if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled');
    if (this.listError) throw this.listError;
    const all = [...this.containers.values()];
    return filter.ids ? all.filter((row) => filter.ids!.includes(row.id)) : all;
  }

  async watchEvents(handlers: EventStreamHandlers): Promise<EventStream> {
    this.handlers = handlers;
    return {
      close: () => {
        if (this.handlers === handlers) this.handlers = undefined;
      },
    };
  }

  get streaming(): boolean {
    return this.handlers !== undefined;
  }

  emit(id: string, action = 'start'): void {
    this.handlers?.onEvent({ type: 'container', action, id });
  }

  /** An event about an image, a volume or a network. */
  emitResource(type: 'image' | 'volume' | 'network', id: string, action: string): void {
    this.handlers?.onEvent({ type, action, id });
  }

  /** The engine drops the stream, as a restarting engine does. */
  dropStream(error = new AppError('UNAVAILABLE', 'The engine closed its event stream.')): void {
    const handlers = this.handlers;
    this.handlers = undefined;
    handlers?.onEnd(error);
  }

  close(): void {
    this.closed = true;
    this.handlers = undefined;
  }
}
