import type { ProbeReport, ReloadResult, RunStep } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { analyze } from './analyze';
import { cannotStart } from './docker-workload';
import type { Delivered } from './guide';
import type { RunOutcome } from './guidance-engine';
import type { Knowledge } from './knowledge-port';
import { probeTargets, startProbe, type ProbeOptions } from './tcp-probe';
import type { Workload } from './workload';
import type { WorkloadFacts } from './workload-facts';

export type ProgressStep = RunStep['step'];

export interface RunContext {
  readonly workload: Workload;
  readonly knowledge: Knowledge;
  progress(step: ProgressStep, message: string): void;
  readonly signal?: AbortSignal;
  readonly probe?: ProbeOptions;
  /** How long verify waits for the program's own sign (new workers), 5 s. */
  readonly verifyMs?: number;
}

const TEST_MS = 30_000;
const COMMAND_MS = 30_000;
/** Probe time before the reload and after verify, so the window around the reload is covered. */
const PROBE_MARGIN_MS = 200;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const output = (run: RunOutcome): string =>
  [run.stdout, run.stderr]
    .filter((s) => s.trim())
    .join('\n')
    .trim() + (run.truncated ? '\n… (output cut)' : '');

/** Validate, reload, verify: nothing is sent unless the config test passed. */
export async function reloadRun(ctx: RunContext, dryRun: boolean): Promise<ReloadResult> {
  const { workload, signal } = ctx;
  const steps: RunStep[] = [];
  const { facts, match, choice, result } = await analyze(workload, ctx.knowledge, {
    impact: false,
    ...(signal ? { signal } : {}),
  });
  if (!match || !choice?.ok) {
    return {
      outcome: 'refused',
      message: `${result.verdict.sentence} Nothing was sent.`,
      steps: [{ step: 'reload', status: 'skipped', message: result.verdict.sentence }],
    };
  }
  const { plan, delivered } = choice;
  const test = match.entry.configTest;
  if (test) {
    const shown = test.command.join(' ');
    ctx.progress('validate', `Running ${shown} in the container…`);
    const tested = await workload.run(test.command, { timeoutMs: TEST_MS }, signal);
    const out = output(tested);
    if (tested.exitCode !== 0) {
      const why = cannotStart(tested)
        ? `The config test \`${shown}\` could not run in the container (exit code ${tested.exitCode}): nothing was sent. Check that the program's binary is on PATH, or reload by hand once you have checked the config another way.`
        : `The config test \`${shown}\` failed (exit code ${tested.exitCode}): nothing was sent. Fix the config and try again; the output says what is wrong.`;
      steps.push({
        step: 'validate',
        status: 'failed',
        message: `\`${shown}\` exited with code ${tested.exitCode}.`,
        ...(out ? { output: out } : {}),
      });
      return { outcome: 'refused', message: why, plan, steps };
    }
    steps.push({
      step: 'validate',
      status: 'ok',
      message: `\`${shown}\` passed.`,
      ...(out ? { output: out } : {}),
    });
  } else {
    steps.push({ step: 'validate', status: 'skipped', message: `${match.entry.name} has no config test.` });
  }
  if (dryRun) {
    steps.push({ step: 'reload', status: 'planned', message: plan.steps[1] ?? plan.description });
    steps.push({ step: 'verify', status: 'planned', message: plan.steps[2] ?? 'Verify.' });
    return {
      outcome: 'planned',
      message: `Dry run: the config is valid; ${plan.description} would be sent.`,
      plan,
      steps,
    };
  }
  const mainPid = match.process?.pid ?? facts.pid1;
  const before = await workload.processes(signal);
  const children = new Set(before.filter((p) => p.ppid === mainPid).map((p) => p.pid));
  const where = probeTargets(facts.ports, workload.endpoint);
  const probe = 'targets' in where ? startProbe(where.targets, ctx.probe) : undefined;
  const stopProbe = async (): Promise<ProbeReport> =>
    probe
      ? probe.stop()
      : {
          targets: [],
          attempts: 0,
          refused: 0,
          failed: 0,
          durationMs: 0,
          downtimeMs: 0,
          skipped: 'skipped' in where ? where.skipped : '',
        };
  const pids = mainPid !== undefined ? { pidBefore: mainPid } : {};
  try {
    await sleep(PROBE_MARGIN_MS);
    ctx.progress('reload', `Sending the reload: ${plan.description}…`);
    const sent = await deliver(ctx, facts, delivered);
    steps.push({
      step: 'reload',
      status: 'ok',
      message: sent.message,
      ...(sent.output ? { output: sent.output } : {}),
    });
  } catch (error) {
    const report = await stopProbe();
    const message = `The reload could not be sent: ${error instanceof AppError ? error.message : String(error)}`;
    steps.push({ step: 'reload', status: 'failed', message });
    return { outcome: 'failed', message, plan, steps, ...pids, probe: report };
  }
  ctx.progress('verify', 'Checking the main PID, new workers and the published ports…');
  const verified = await verify(ctx, mainPid, children);
  await sleep(PROBE_MARGIN_MS);
  const report = await stopProbe();
  const problems = [...verified.problems];
  if (report.refused > 0)
    problems.push(
      `the published port refused ${report.refused} of ${report.attempts} connections during the reload`,
    );
  const probeNote = probe
    ? `The probe made ${report.attempts} connects to ${report.targets.join(', ')}: ${report.refused} refused.`
    : (report.skipped ?? '');
  const verifyMessage = [...verified.notes, probeNote].filter(Boolean).join(' ');
  const after = verified.pidAfter !== undefined ? { pidAfter: verified.pidAfter } : {};
  if (problems.length > 0) {
    const message = `The reload was sent, but ${problems.join('; ')}. Check the program's log (the Logs tab); if it is down, restart the container.`;
    steps.push({ step: 'verify', status: 'failed', message: `${message} ${verifyMessage}`.trim() });
    return { outcome: 'failed', message, plan, steps, ...pids, ...after, probe: report };
  }
  steps.push({ step: 'verify', status: 'ok', message: verifyMessage });
  return {
    outcome: 'reloaded',
    message: `${match.entry.name} reloaded: ${verifyMessage}`,
    plan,
    steps,
    ...pids,
    ...after,
    probe: report,
  };
}

async function deliver(
  ctx: RunContext,
  facts: WorkloadFacts,
  delivered: Delivered,
): Promise<{ message: string; output?: string }> {
  const { workload, signal } = ctx;
  switch (delivered.how) {
    case 'signal-pid1':
      await workload.signalPid1(delivered.method.signal, signal);
      return { message: `Sent SIG${delivered.method.signal} to PID 1 through the kill API.` };
    case 'exec-kill': {
      const inner = await workload.innerPid(facts, delivered.process.pid, signal);
      const sig = delivered.method.signal;
      let ran = await workload.run(['sh', '-c', `kill -${sig} ${inner}`], { timeoutMs: COMMAND_MS }, signal);
      if (cannotStart(ran))
        ran = await workload.run(['kill', `-${sig}`, String(inner)], { timeoutMs: COMMAND_MS }, signal);
      if (ran.exitCode !== 0)
        throw new AppError(
          'CONFLICT',
          `kill -${sig} ${inner} failed in the container (exit code ${ran.exitCode}): ${output(ran) || 'no output'}.`,
        );
      return { message: `Ran kill -${sig} ${inner} in the container (host PID ${delivered.process.pid}).` };
    }
    case 'exec-command': {
      const ran = await workload.run(delivered.method.command, { timeoutMs: COMMAND_MS }, signal);
      const out = output(ran);
      if (ran.exitCode !== 0)
        throw new AppError(
          'CONFLICT',
          `\`${delivered.method.command.join(' ')}\` exited with code ${ran.exitCode}: ${out || 'no output'}.`,
        );
      return {
        message: `Ran ${delivered.method.command.join(' ')} in the container.`,
        ...(out ? { output: out } : {}),
      };
    }
    case 'http': {
      const m = delivered.method;
      const url = `http://127.0.0.1:${delivered.port}${m.path}`;
      const script = `if command -v curl >/dev/null 2>&1; then curl -fsS -X ${m.method} '${url}'; else wget -q -O- ${m.method === 'GET' ? '' : "--post-data=''"} '${url}'; fi`;
      const ran = await workload.run(['sh', '-c', script], { timeoutMs: COMMAND_MS }, signal);
      const out = output(ran);
      if (ran.exitCode !== 0)
        throw new AppError(
          'CONFLICT',
          `${m.method} ${url} failed in the container (exit code ${ran.exitCode}): ${out || 'no output'}. ${m.preconditions.join(' ')}`.trim(),
        );
      return { message: `${m.method} ${url} answered.`, ...(out ? { output: out } : {}) };
    }
  }
}

/** The main PID must survive; where it had children (workers), new ones must appear: the program's own sign. */
async function verify(
  ctx: RunContext,
  mainPid: number | undefined,
  children: ReadonlySet<number>,
): Promise<{ problems: string[]; notes: string[]; pidAfter?: number }> {
  const deadline = Date.now() + (ctx.verifyMs ?? 5_000);
  for (;;) {
    const rows = await ctx.workload.processes(ctx.signal).catch(() => undefined);
    if (!rows)
      return {
        problems: ['the container’s processes could not be read afterwards (it may have stopped)'],
        notes: [],
      };
    if (mainPid === undefined)
      return { problems: [], notes: ['The main PID was not known, so it could not be compared.'] };
    const main = rows.find((row) => row.pid === mainPid);
    if (!main)
      return {
        problems: [
          `the main process (PID ${mainPid}) is gone: the program exited or re-executed instead of reloading`,
        ],
        notes: [],
      };
    const now = rows.filter((row) => row.ppid === mainPid).map((row) => row.pid);
    const fresh = now.filter((pid) => !children.has(pid));
    if (children.size === 0)
      return { problems: [], notes: [`The main PID ${mainPid} is unchanged.`], pidAfter: mainPid };
    if (fresh.length > 0) {
      return {
        problems: [],
        notes: [
          `The main PID ${mainPid} is unchanged, and it started ${fresh.length} new worker${fresh.length === 1 ? '' : 's'}.`,
        ],
        pidAfter: mainPid,
      };
    }
    if (Date.now() > deadline) {
      return {
        problems: [
          `no new worker appeared within ${(ctx.verifyMs ?? 5_000) / 1000} s, so the program probably kept its old configuration (rejected the new one)`,
        ],
        notes: [`The main PID ${mainPid} is unchanged.`],
        pidAfter: mainPid,
      };
    }
    await sleep(100);
  }
}
