import type { ProcessRow, RunOptions, RunOutcome } from './guidance-engine';
import type { WorkloadFacts } from './workload-facts';

/**
 * One workload as guidance drives it. DockerWorkload implements it over the Engine API; a
 * Kubernetes pod container can implement it over exec alone (no kill API: signalPid1 becomes
 * `kill -SIG 1` through exec, restart a pod delete), without changing the analysis or the run.
 */
export interface Workload {
  readonly id: string;
  /** Where its published ports are reached from (the engine's endpoint), for the probe. */
  readonly endpoint: string;
  facts(signal?: AbortSignal): Promise<WorkloadFacts>;
  processes(signal?: AbortSignal): Promise<ProcessRow[]>;
  run(cmd: readonly string[], options: RunOptions, signal?: AbortSignal): Promise<RunOutcome>;
  /** Sends a signal to PID 1 (HUP, USR1…). */
  signalPid1(name: string, signal?: AbortSignal): Promise<void>;
  /** The PID inside the workload of a process of `processes()`; rejects with an AppError saying why not. */
  innerPid(facts: WorkloadFacts, pid: number, signal?: AbortSignal): Promise<number>;
  /** Established connections on these container ports now, and how they were counted. */
  openConnections(
    ports: readonly number[],
    signal?: AbortSignal,
  ): Promise<{ count: number | null; note: string }>;
  /** Whether a path exists inside (undefined when that cannot be told). */
  pathExists(path: string, signal?: AbortSignal): Promise<boolean | undefined>;
  /** Names of workloads that declare they depend on this one. */
  dependents(facts: WorkloadFacts, signal?: AbortSignal): Promise<string[]>;
  restart(signal?: AbortSignal): Promise<void>;
}
