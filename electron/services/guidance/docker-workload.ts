import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import { failure } from '../containers/engine-errors';
import { ensureToolboxImage } from '../terminal/toolbox-image';
import { ownerId, startSidecar } from '../terminal/toolbox-sidecar';
import { dockerFacts } from './docker-facts';
import type { GuidanceEngine, ProcessRow, RunOptions, RunOutcome } from './guidance-engine';
import { composeDependents } from './impact';
import { innerPid, LIST_PROC_SCRIPT, parseStatLines } from './process-map';
import { countEstablished, isTcpTable } from './tcp-table';
import type { Workload } from './workload';
import type { MountFact, WorkloadFacts } from './workload-facts';

const QUICK_MS = 15_000;
const TCP_TABLES = ['cat', '/proc/net/tcp', '/proc/net/tcp6'];
/** How many bind mounts are checked for file or directory (each is one HEAD request). */
const MAX_STATS = 16;

/** Exit codes of an exec whose program could not be started (not found, not executable). */
export const cannotStart = (outcome: RunOutcome): boolean =>
  outcome.exitCode === 126 || outcome.exitCode === 127;

/** A Docker container as guidance drives it: inspect, /top, exec, the kill and restart APIs. */
export class DockerWorkload implements Workload {
  private readonly guidance: GuidanceEngine;

  constructor(
    private readonly engine: ContainerEngine,
    readonly id: string,
    readonly endpoint: string,
    private readonly sidecarLabels: Readonly<Record<string, string>> = {},
  ) {
    this.guidance = engine.guidance;
  }

  async facts(signal?: AbortSignal): Promise<WorkloadFacts> {
    const doc = await this.engine.inspect.container(this.id, signal);
    const running = (doc['State'] as { Running?: unknown } | undefined)?.Running === true;
    const [processes, imageEnv] = await Promise.all([
      running
        ? this.guidance.processes(this.id, signal).catch(() => [] as ProcessRow[])
        : Promise.resolve([]),
      typeof doc['Image'] === 'string'
        ? this.guidance.imageEnv(doc['Image'], signal)
        : Promise.resolve(undefined),
    ]);
    const facts = dockerFacts(doc, processes, imageEnv);
    if (!running) return facts;
    return { ...facts, mounts: await this.statMounts(facts.mounts, signal) };
  }

  /** Bind mounts: file or directory, seen from inside (the archive API needs no shell). */
  private async statMounts(mounts: readonly MountFact[], signal?: AbortSignal): Promise<MountFact[]> {
    let budget = MAX_STATS;
    return Promise.all(
      mounts.map(async (mount) => {
        if (mount.type !== 'bind' || budget-- <= 0) return mount;
        const stat = await this.engine.files
          .statPath(this.id, mount.destination, signal)
          .catch(() => undefined);
        return stat ? { ...mount, isDirectory: stat.isDirectory } : mount;
      }),
    );
  }

  processes(signal?: AbortSignal): Promise<ProcessRow[]> {
    return this.guidance.processes(this.id, signal);
  }

  run(cmd: readonly string[], options: RunOptions, signal?: AbortSignal): Promise<RunOutcome> {
    return this.guidance.run(this.id, cmd, options, signal);
  }

  async signalPid1(name: string, signal?: AbortSignal): Promise<void> {
    await this.engine.lifecycle.act(this.id, 'kill', { signal: name }, signal);
  }

  async innerPid(facts: WorkloadFacts, pid: number, signal?: AbortSignal): Promise<number> {
    if (pid === facts.pid1) return 1;
    const listed = await this.run(['sh', '-c', LIST_PROC_SCRIPT], { timeoutMs: QUICK_MS }, signal);
    if (cannotStart(listed)) {
      throw failure(
        'CONFLICT',
        'The container has no shell, so Bosun cannot find the program’s PID inside it or run kill there.',
        'Reload it with its own command or endpoint, or restart it; the toolbox terminal (it shares the container’s processes) can run kill by hand.',
      );
    }
    const rows = await this.processes(signal);
    const inner = innerPid(rows, facts.pid1 ?? -1, parseStatLines(listed.stdout), pid);
    if (inner === undefined) {
      throw failure(
        'CONFLICT',
        `Process ${pid} could not be matched to a PID inside the container (processes came or went while Bosun looked); nothing was sent.`,
        'Try again in a moment.',
      );
    }
    return inner;
  }

  async openConnections(
    ports: readonly number[],
    signal?: AbortSignal,
  ): Promise<{ count: number | null; note: string }> {
    if (ports.length === 0) return { count: 0, note: 'No TCP port is published.' };
    try {
      const direct = await this.run(TCP_TABLES, { timeoutMs: QUICK_MS }, signal);
      if (isTcpTable(direct.stdout)) {
        return {
          count: countEstablished(direct.stdout, ports),
          note: 'Counted from /proc/net/tcp and tcp6 in the container (established only).',
        };
      }
      if (!cannotStart(direct)) {
        return {
          count: null,
          note: `Reading /proc/net/tcp in the container failed: ${(direct.stderr || direct.stdout).trim().slice(0, 200) || `exit code ${direct.exitCode}`}.`,
        };
      }
      return await this.countThroughToolbox(ports, signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      return {
        count: null,
        note: `Open connections could not be counted: ${error instanceof AppError ? error.message : String(error)}`,
      };
    }
  }

  /** No `cat` in the image: a toolbox sidecar in the container's network namespace reads the same table. */
  private async countThroughToolbox(
    ports: readonly number[],
    signal?: AbortSignal,
  ): Promise<{ count: number | null; note: string }> {
    const image = await ensureToolboxImage(this.engine.toolbox, {
      onProgress: () => undefined,
      ...(signal ? { signal } : {}),
    });
    const sidecar = await startSidecar(this.engine.toolbox, {
      image: image.image,
      targetId: this.id,
      sessionId: randomUUID(),
      ownerId: ownerId(),
      labels: this.sidecarLabels,
      ...(signal ? { signal } : {}),
    });
    try {
      const read = await this.guidance.run(sidecar.containerId, TCP_TABLES, { timeoutMs: QUICK_MS }, signal);
      if (!isTcpTable(read.stdout)) return { count: null, note: 'The toolbox could not read /proc/net/tcp.' };
      return {
        count: countEstablished(read.stdout, ports),
        note: 'Counted from /proc/net/tcp through the toolbox sidecar (the image has no cat; established only).',
      };
    } finally {
      await sidecar.stop().catch(() => undefined);
    }
  }

  async pathExists(path: string, signal?: AbortSignal): Promise<boolean | undefined> {
    try {
      return (await this.engine.files.statPath(this.id, path, signal)) !== undefined;
    } catch {
      return undefined;
    }
  }

  async dependents(facts: WorkloadFacts, signal?: AbortSignal): Promise<string[]> {
    if (!facts.labels['com.docker.compose.project']) return [];
    const all = await this.engine.listContainers({}, signal);
    return composeDependents(facts, all);
  }

  async restart(signal?: AbortSignal): Promise<void> {
    await this.engine.lifecycle.act(this.id, 'restart', {}, signal);
  }
}
