import { randomUUID } from 'node:crypto';
import type { ContainerRow, GuidanceAnalysis, ReloadResult } from '../../shared/contract';
import { openLocalCore, type LocalCore } from '../local-core';
import { printJson } from '../output';
import { printable } from '../printable';
import { resolveContainers } from '../resolve-container';

export interface GuideOptions {
  readonly host?: string;
  readonly json?: boolean;
}

export interface ReloadOptions extends GuideOptions {
  readonly dryRun?: boolean;
}

/** The analysis for people: the verdict first, then the facts, the program and the restart's impact. */
export function renderGuide(result: GuidanceAnalysis): string {
  const lines = [result.verdict.sentence, ''];
  if (result.verdict.plan) {
    lines.push('How:', ...result.verdict.plan.steps.map((step, i) => `  ${i + 1}. ${step}`), '');
  }
  lines.push(
    `PID 1:   ${result.delivery.pid1.command} (${result.delivery.pid1.kind})`,
    `         ${result.delivery.pid1.note}`,
  );
  for (const source of result.delivery.configSources) lines.push(`Config:  ${source.path}: ${source.note}`);
  if (result.delivery.envConfig) {
    lines.push(
      `Env:     ${result.delivery.envConfig.note}`,
      `         ${result.delivery.envConfig.recreate}`,
    );
  }
  const program = result.programs[0];
  lines.push(
    program
      ? `Program: ${program.name} (found by ${program.confidence}): ${program.reload}`
      : 'Program: not recognised',
  );
  lines.push(`Impact:  ${result.impact.summary}`);
  if (result.caveats.length > 0) lines.push('', 'Caveats:', ...result.caveats.map((c) => `  - ${c}`));
  return lines.map(printable).join('\n');
}

export function renderReload(result: ReloadResult): string {
  const lines = [result.message];
  for (const step of result.steps) {
    lines.push(`  ${step.step}: ${step.status} — ${step.message}`);
    if (step.output) lines.push(...step.output.split('\n').map((line) => `      ${line}`));
  }
  if (result.pidBefore !== undefined)
    lines.push(`  main PID: ${result.pidBefore} → ${result.pidAfter ?? 'gone'}`);
  if (result.probe && !result.probe.skipped) {
    lines.push(
      `  probe: ${result.probe.attempts} connects to ${result.probe.targets.join(', ')}, ${result.probe.refused} refused`,
    );
  }
  return lines.map(printable).join('\n');
}

async function withContainer<T>(
  reference: string,
  host: string | undefined,
  work: (core: LocalCore, row: ContainerRow) => Promise<T>,
): Promise<T> {
  const core = await openLocalCore();
  try {
    const [row] = (await resolveContainers(core.client, [reference], host)) as [ContainerRow];
    return await work(core, row);
  } finally {
    await core.close();
  }
}

/** `bosun guide CONTAINER`: reload or restart, and why; `--json` prints the analysis (README). */
export async function guideCommand(reference: string, options: GuideOptions): Promise<void> {
  const result = await withContainer(reference, options.host, (core, row) =>
    core.client.call('guidance.analyze', { connectionId: row.connectionId, containerId: row.id }),
  );
  if (options.json) printJson(result);
  else process.stdout.write(`${renderGuide(result)}\n`);
}

/** `bosun reload CONTAINER`: validate, reload, verify; exits 1 when the reload was refused or failed. */
export async function reloadCommand(reference: string, options: ReloadOptions): Promise<void> {
  const result = await withContainer(reference, options.host, async (core, row) => {
    const runId = randomUUID();
    // Progress goes to stderr so that --json on stdout stays one document.
    const progress = core.client.subscribe('guidance.progress', { runId }, (p) =>
      process.stderr.write(`${printable(`bosun: ${p.step}: ${p.message}`)}\n`),
    );
    try {
      return await core.client.call('guidance.reload', {
        connectionId: row.connectionId,
        containerId: row.id,
        dryRun: options.dryRun === true,
        runId,
      });
    } finally {
      progress.close();
    }
  });
  if (options.json) printJson(result);
  else process.stdout.write(`${renderReload(result)}\n`);
  if (result.outcome === 'refused' || result.outcome === 'failed') process.exitCode = 1;
}
