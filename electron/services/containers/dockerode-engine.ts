import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import type { ConnectionSpec } from '../connections/spec';
import type {
  ContainerEngine,
  ContainerSummary,
  EngineInfo,
  EventStream,
  EventStreamHandlers,
} from './container-engine';
import { toContainerSummary, type UnknownStateReport } from './container-row';
import { DockerodeExec } from './dockerode-exec';
import { DockerodeFiles } from './dockerode-files';
import { DockerodeLifecycle } from './dockerode-lifecycle';
import { DockerodeGuidance } from '../guidance/dockerode-guidance';
import { DockerodeAudit } from '../audit/dockerode-audit';
import { DockerodeLogs } from '../logs/dockerode-logs';
import { DockerodeToolbox } from './dockerode-toolbox';
import { engineCall } from './engine-call';
import { failure, translateEngineError, type EngineWhere } from './engine-errors';
import { NdjsonParser } from './ndjson';
import { readTlsMaterial, type TlsMaterial } from './tls-material';
import { DockerodeStats } from '../stats/dockerode-stats';
import { DockerodeMaps } from '../maps/dockerode-maps';
import { DockerodeInspect } from '../inspect/dockerode-inspect';
import { DockerodeDisk } from '../disk/dockerode-disk';
import { DockerodeImages } from '../images/dockerode-images';
import { DockerodeNetworks } from '../networks/dockerode-networks';
import { DockerodeVolumes } from '../volumes/dockerode-volumes';

const VERSION_TIMEOUT_MS = 10_000;
const LIST_TIMEOUT_MS = 20_000;
// The caller (the liveness watchdog) brings its own, shorter deadline; this one only bounds a stray call.
const PING_TIMEOUT_MS = 10_000;
// Image, volume and network events feed resources.changed; the container cache takes only its own.
const CONTAINER_EVENTS: Docker.GetEventsOptions = {
  filters: { type: ['container', 'image', 'volume', 'network'] },
};

// docker-modem accepts its own http.Agent; @types/dockerode does not declare it.
type ModemOptions = Docker.DockerOptions & { agent: HttpAgent };

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  status?: unknown;
  id?: unknown;
  Actor?: { ID?: unknown };
}

export interface DockerodeEngineOptions {
  /** A container state this engine reported that the contract does not know (see containerState). */
  readonly onUnknownState?: UnknownStateReport;
  /** Carries every request when the engine is not reached directly (ssh://: channels of an SSH tunnel). */
  readonly transport?: EngineTransport;
}

/** An http.Agent whose connections reach the engine some other way; close() ends what it holds. */
export interface EngineTransport {
  readonly agent: HttpAgent;
  close(): void;
}

/** The Docker Engine API over dockerode, one instance (and one socket pool) per connection. */
export class DockerodeEngine implements ContainerEngine {
  private readonly docker: Docker;
  private readonly agent: HttpAgent;
  private readonly where: EngineWhere;
  private readonly streams = new Set<EventStream>();
  readonly exec: DockerodeExec;
  readonly files: DockerodeFiles;
  readonly toolbox: DockerodeToolbox;
  readonly lifecycle: DockerodeLifecycle;
  readonly guidance: DockerodeGuidance;
  readonly audit: DockerodeAudit;
  readonly logs: DockerodeLogs;
  readonly images: DockerodeImages;
  readonly volumes: DockerodeVolumes;
  readonly networks: DockerodeNetworks;
  readonly disk: DockerodeDisk;
  readonly inspect: DockerodeInspect;
  readonly stats: DockerodeStats;
  readonly maps: DockerodeMaps;

  private constructor(
    spec: ConnectionSpec,
    tls: TlsMaterial | undefined,
    private readonly engineOptions: DockerodeEngineOptions,
  ) {
    const target = spec.target;
    const transport = engineOptions.transport;
    if (!target || (target.kind === 'ssh' && !transport)) {
      throw new AppError('INTERNAL', `Bosun cannot dial ${spec.endpoint} in this build.`);
    }
    const socketPath = target.kind === 'tcp' || target.kind === 'ssh' ? undefined : target.path;
    this.where = { endpoint: spec.endpoint, ...(socketPath ? { socketPath } : {}) };
    // keepAlive keeps one warm socket for re-reads; the event stream holds its own.
    this.agent = transport
      ? transport.agent
      : tls
        ? new HttpsAgent({
            keepAlive: true,
            ca: tls.ca,
            cert: tls.cert,
            key: tls.key,
            rejectUnauthorized: tls.verify,
          })
        : new HttpAgent({ keepAlive: true });
    // Every key is set explicitly: docker-modem fills missing ones from this process's DOCKER_HOST,
    // DOCKER_CERT_PATH and DOCKER_CLIENT_TIMEOUT, which belong to the discovered connection, not to every one.
    const options: ModemOptions = {
      agent: this.agent,
      socketPath,
      // Over a transport the host only names the engine in the Host header; the agent does the dialling.
      host: target.kind === 'tcp' ? target.host.replace(/^\[|\]$/g, '') : transport ? 'docker' : undefined,
      port: target.kind === 'tcp' ? target.port : transport ? 80 : undefined,
      protocol: tls ? 'https' : 'http',
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key,
      timeout: undefined,
    };
    try {
      this.docker = new Docker(options);
    } catch (error) {
      throw failure(
        'UNAVAILABLE',
        `The Docker client for ${spec.endpoint} could not be set up.`,
        `Check DOCKER_HOST and DOCKER_CERT_PATH in Bosun's environment (${(error as Error).message}).`,
      );
    }
    this.exec = new DockerodeExec(this.docker, this.where);
    this.files = new DockerodeFiles(this.docker, this.where);
    this.toolbox = new DockerodeToolbox(this.docker, this.where);
    this.lifecycle = new DockerodeLifecycle(this.docker, this.where);
    this.guidance = new DockerodeGuidance(this.docker, this.where);
    this.audit = new DockerodeAudit(this.docker, this.where);
    this.logs = new DockerodeLogs(this.docker, this.where);
    this.images = new DockerodeImages(this.docker, this.where);
    this.volumes = new DockerodeVolumes(this.docker, this.where);
    this.networks = new DockerodeNetworks(this.docker, this.where);
    this.disk = new DockerodeDisk(this.docker, this.where);
    this.inspect = new DockerodeInspect(this.docker, this.where);
    this.stats = new DockerodeStats(this.docker, this.where);
    this.maps = new DockerodeMaps(this.docker, this.where);
  }

  static async create(spec: ConnectionSpec, options: DockerodeEngineOptions = {}): Promise<DockerodeEngine> {
    const tls = spec.tls ? await readTlsMaterial(spec.tls, spec.endpoint) : undefined;
    return new DockerodeEngine(spec, tls, options);
  }

  async version(signal?: AbortSignal): Promise<EngineInfo> {
    // dockerode's version() takes an abortSignal option; its type declarations omit it.
    const version = this.docker.version as (options: {
      abortSignal: AbortSignal;
    }) => Promise<Docker.DockerVersion>;
    const v = await engineCall(this.where, 'version', VERSION_TIMEOUT_MS, signal, (abortSignal) =>
      version.call(this.docker, { abortSignal }),
    );
    const components = v.Components ?? [];
    const podman = components.some((c) => /podman/i.test(c.Name));
    return {
      version: v.Version ?? '',
      apiVersion: v.ApiVersion ?? '',
      os: v.Os ?? '',
      arch: v.Arch ?? '',
      name: podman ? 'Podman Engine' : v.Platform?.Name || 'Docker Engine',
    };
  }

  async ping(signal?: AbortSignal): Promise<void> {
    // dockerode's ping() takes an abortSignal option; its type declarations omit it.
    const ping = this.docker.ping as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
    await engineCall(this.where, 'ping', PING_TIMEOUT_MS, signal, (abortSignal) =>
      ping.call(this.docker, { abortSignal }),
    );
  }

  async listContainers(
    filter: { readonly ids?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<ContainerSummary[]> {
    const filters = filter.ids ? { id: [...filter.ids] } : undefined;
    const rows = await engineCall(this.where, 'list', LIST_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.listContainers({ all: true, ...(filters ? { filters } : {}), abortSignal }),
    );
    return rows.map((row) => toContainerSummary(row, this.engineOptions.onUnknownState));
  }

  async watchEvents(handlers: EventStreamHandlers, signal?: AbortSignal): Promise<EventStream> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: NodeJS.ReadableStream;
    try {
      response = await this.docker.getEvents({ ...CONTAINER_EVENTS, abortSignal: controller.signal });
    } catch (error) {
      throw translateEngineError(error, this.where);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    let open = true;
    const end = (error: AppError): void => {
      if (!open) return;
      open = false;
      this.streams.delete(stream);
      controller.abort();
      handlers.onEnd(error);
    };
    const parser = new NdjsonParser((value) => {
      const raw = value as RawEvent;
      const id = typeof raw.Actor?.ID === 'string' ? raw.Actor.ID : raw.id;
      const action = typeof raw.Action === 'string' ? raw.Action : raw.status;
      if (open && typeof id === 'string' && typeof action === 'string') {
        handlers.onEvent({ type: typeof raw.Type === 'string' ? raw.Type : 'container', action, id });
      }
    });
    response.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        end(
          failure(
            'UNAVAILABLE',
            `The event stream of ${this.where.endpoint} sent something that is not an event (${(error as Error).message}).`,
            'Bosun reconnects by itself; if this repeats, check what listens at that endpoint.',
          ),
        );
      }
    });
    response.on('error', (error: unknown) => end(translateEngineError(error, this.where)));
    const closed = (): void =>
      end(
        failure(
          'UNAVAILABLE',
          `The engine at ${this.where.endpoint} closed its event stream.`,
          'It may have restarted or stopped; Bosun reconnects by itself.',
        ),
      );
    response.on('end', closed);
    response.on('close', closed);
    const stream: EventStream = {
      close: () => {
        if (!open) return;
        open = false;
        this.streams.delete(stream);
        controller.abort();
      },
    };
    this.streams.add(stream);
    return stream;
  }

  close(): void {
    for (const stream of [...this.streams]) stream.close();
    this.agent.destroy();
    this.engineOptions.transport?.close();
  }
}
