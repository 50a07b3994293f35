import type { ProbeReport, RestartResult, RunStep } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ProgressStep } from './reload-run';
import { probeTargets, startProbe, type ProbeOptions, type RunningProbe } from './tcp-probe';
import type { Workload } from './workload';

export interface RestartContext {
  readonly workload: Workload;
  progress(step: ProgressStep, message: string): void;
  readonly signal?: AbortSignal;
  readonly probe?: ProbeOptions;
  /** How long to wait for the ports to accept again after the engine restarted the container (60 s). */
  readonly upWithinMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const key = (targets: readonly { host: string; port: number }[]): string =>
  targets
    .map((t) => `${t.host}:${t.port}`)
    .sort()
    .join(',');

function merge(a: ProbeReport, b: ProbeReport | undefined, downtimeMs: number): ProbeReport {
  if (!b) return { ...a, downtimeMs };
  return {
    targets: [...new Set([...a.targets, ...b.targets])],
    attempts: a.attempts + b.attempts,
    refused: a.refused + b.refused,
    failed: a.failed + b.failed,
    durationMs: a.durationMs + b.durationMs,
    downtimeMs,
  };
}

/**
 * Restarts the workload with the probe running, and reports the downtime it measured: from the
 * first refused connect to the first one accepted afterwards. A port published without a fixed host
 * port may move on restart; the probe follows it to the new one.
 */
export async function restartRun(ctx: RestartContext): Promise<RestartResult> {
  const { workload, signal } = ctx;
  const facts = await workload.facts(signal);
  const where = probeTargets(facts.ports, workload.endpoint);
  const first: RunningProbe | undefined =
    'targets' in where ? startProbe(where.targets, ctx.probe) : undefined;
  const steps: RunStep[] = [];
  const skipped = 'skipped' in where ? where.skipped : '';
  const started = Date.now();
  try {
    await sleep(100);
    ctx.progress('restart', `Restarting ${facts.name}…`);
    await workload.restart(signal);
  } catch (error) {
    const report = first ? await first.stop() : undefined;
    const message = `The restart failed: ${error instanceof AppError ? error.message : String(error)}`;
    steps.push({ step: 'restart', status: 'failed', message });
    return { outcome: 'failed', message, steps, downtimeMs: null, ...(report ? { probe: report } : {}) };
  }
  const restartedAt = Date.now();
  if (!first || !('targets' in where)) {
    const message = `Restarted in ${((restartedAt - started) / 1000).toFixed(1)} s; the downtime was not measured: ${skipped}`;
    steps.push({ step: 'restart', status: 'ok', message });
    const probe = { targets: [], attempts: 0, refused: 0, failed: 0, durationMs: 0, downtimeMs: 0, skipped };
    return { outcome: 'restarted', message, steps, downtimeMs: null, probe };
  }
  ctx.progress('verify', 'Waiting for the published ports to accept connections again…');
  const now = await workload.facts(signal).catch(() => facts);
  const moved = probeTargets(now.ports, workload.endpoint);
  let current = first;
  let second: RunningProbe | undefined;
  if ('targets' in moved && key(moved.targets) !== key(where.targets)) {
    second = startProbe(moved.targets, ctx.probe);
    current = second;
  }
  const until = restartedAt + (ctx.upWithinMs ?? 60_000);
  while (current.upAt(restartedAt) === undefined && Date.now() < until) await sleep(20);
  const upAt = current.upAt(restartedAt);
  const outageFrom = first.firstFailureAt() ?? restartedAt;
  const downtimeMs = upAt === undefined ? Date.now() - outageFrom : Math.max(0, upAt - outageFrom);
  const report = merge(await first.stop(), second ? await second.stop() : undefined, downtimeMs);
  const movedNote = second
    ? ` (the host port moved on restart: now ${report.targets.slice(where.targets.length).join(', ')})`
    : '';
  if (upAt === undefined) {
    const message = `The container restarted, but its published ports did not accept connections within ${(ctx.upWithinMs ?? 60_000) / 1000} s${movedNote}. Check its log.`;
    steps.push({ step: 'verify', status: 'failed', message });
    return { outcome: 'failed', message, steps, downtimeMs, probe: report };
  }
  const message = `Restarted: the published ports were down for ${downtimeMs} ms${movedNote} (${report.refused} refused and ${report.failed} failed of ${report.attempts} connects).`;
  steps.push({ step: 'restart', status: 'ok', message });
  return { outcome: 'restarted', message, steps, downtimeMs, probe: report };
}
