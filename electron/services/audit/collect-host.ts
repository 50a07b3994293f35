import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import type { InspectDocument } from '../inspect/inspect-engine';
import { flag, record, strings, text } from '../inspect/raw-fields';
import { mapBounded } from '../../shared/map-bounded';
import { fromDocker, type DockerExtras, type ImageFacts, type VolumeFacts } from './from-docker';
import type { HostNetwork, HostView, Workload, WorkloadExec } from './workload';

/** Engine calls in flight per host: inspects are cheap, /changes walks a writable layer. */
const CONCURRENCY = 6;
/** Execs looked at per container: a container with thousands of idle execs is itself a finding elsewhere. */
const MAX_EXECS = 20;

export interface CollectedHost {
  readonly host: HostView;
  /** Containers removed between the list and their inspect: skipped, not errors. */
  readonly vanished: number;
}

const gone = (error: unknown): boolean => error instanceof AppError && error.code === 'NOT_FOUND';

/** undefined when the read fails for a reason other than the container vanishing (a rule stays unchecked). */
async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (gone(error)) throw error;
    return undefined;
  }
}

async function execs(
  engine: ContainerEngine,
  doc: InspectDocument,
  signal?: AbortSignal,
): Promise<WorkloadExec[]> {
  const ids = strings(doc['ExecIDs']).slice(0, MAX_EXECS);
  const infos = await Promise.all(ids.map((id) => engine.audit.exec(id, signal)));
  return infos.flatMap((info, index) =>
    info
      ? [{ field: `Exec(${ids[index]!.slice(0, 12)})`, privileged: info.privileged, user: info.user }]
      : [],
  );
}

/** What the rules beyond inspect need: processes, drift and execs (only for containers asked about). */
async function deepExtras(
  engine: ContainerEngine,
  doc: InspectDocument,
  signal?: AbortSignal,
): Promise<Pick<DockerExtras, 'processes' | 'changes' | 'execs'>> {
  const id = text(doc['Id']);
  const running = flag(record(doc['State'])['Running']);
  const [processes, changes, execList] = await Promise.all([
    running ? optional(() => engine.guidance.processes(id, signal)) : Promise.resolve(undefined),
    optional(() => engine.files.changes(id, signal)),
    optional(() => execs(engine, doc, signal)),
  ]);
  return {
    ...(processes ? { processes: processes.map((p) => ({ pid: p.pid, command: p.command })) } : {}),
    ...(changes ? { changes } : {}),
    ...(execList ? { execs: execList } : {}),
  };
}

/**
 * Reads one host for the audit: every container's inspect (rules that compare containers need them
 * all), the volumes, images and networks once, and the deeper reads (/top, /changes, execs) only for
 * the containers in `deep` (all when undefined).
 */
export async function collectHost(
  engine: ContainerEngine,
  options: { readonly deep?: ReadonlySet<string>; readonly trustedRegistries?: readonly string[] },
  signal?: AbortSignal,
): Promise<CollectedHost> {
  const [containers, volumeList, imageList, networkList] = await Promise.all([
    engine.listContainers({}, signal),
    engine.volumes.list(signal),
    engine.images.list(signal),
    engine.networks.list(signal),
  ]);
  const volumes = new Map<string, VolumeFacts>(
    volumeList.map((v) => [v.name, { driver: v.driver, options: v.options }]),
  );
  const images = new Map<string, ImageFacts>(
    imageList.map((i) => [i.id, { repoDigests: i.repoDigests, labels: i.labels }]),
  );
  const networks: HostNetwork[] = networkList.map((n) => ({
    id: n.id,
    name: n.name,
    driver: n.driver,
    internal: n.internal,
    options: n.options,
  }));
  let vanished = 0;
  const read = await mapBounded(containers, CONCURRENCY, async (container): Promise<Workload | undefined> => {
    try {
      const doc = await engine.inspect.container(container.id, signal);
      const deep =
        !options.deep || options.deep.has(container.id) ? await deepExtras(engine, doc, signal) : {};
      return fromDocker(doc, { volumes, images, ...deep });
    } catch (error) {
      if (!gone(error)) throw error;
      vanished += 1;
      return undefined;
    }
  });
  return {
    host: {
      workloads: read.filter((w): w is Workload => w !== undefined),
      networks,
      trustedRegistries: options.trustedRegistries ?? [],
    },
    vanished,
  };
}
