import type { ProcessRow } from './guidance-engine';

/** A mount as reload guidance reads it. */
export interface MountFact {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** Host path of a bind, volume name of a volume. */
  readonly source: string;
  readonly destination: string;
  /** Whether the mounted thing is a directory; undefined when it was not checked. */
  readonly isDirectory?: boolean;
}

export interface PublishedPort {
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly hostIp: string;
  readonly hostPort: number;
}

/**
 * What guidance needs to know about one workload, independent of where it runs: a Docker container
 * fills it from inspect and /top; a Kubernetes pod container can fill it from its spec and an exec `ps`.
 */
export interface WorkloadFacts {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly running: boolean;
  /** PID 1 as created: Path and Args. */
  readonly path: string;
  readonly args: readonly string[];
  /** PID 1's PID in the process list's namespace (inspect State.Pid); undefined when not running. */
  readonly pid1?: number;
  /** The container's processes (host PIDs for Docker). */
  readonly processes: readonly ProcessRow[];
  /** Whether the engine put its own init in front (HostConfig.Init, `docker run --init`). */
  readonly engineInit: boolean;
  /** Environment variables the container sets beyond its image's, KEY=VALUE. */
  readonly ownEnv: readonly string[];
  readonly mounts: readonly MountFact[];
  readonly ports: readonly PublishedPort[];
  /** Container ports the image or container exposes (published or not). */
  readonly exposedPorts: readonly number[];
  readonly healthcheck: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** Compose's labels, read once. */
export function composeOf(
  labels: Readonly<Record<string, string>>,
): { project: string; service: string; workingDir?: string; configFiles?: string } | undefined {
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  if (!project || !service) return undefined;
  const workingDir = labels['com.docker.compose.project.working_dir'];
  const configFiles = labels['com.docker.compose.project.config_files'];
  return {
    project,
    service,
    ...(workingDir ? { workingDir } : {}),
    ...(configFiles ? { configFiles } : {}),
  };
}
