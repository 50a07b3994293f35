import type { Delivery, ReloadPlan, Verdict } from '../../shared/contract';
import type { ProgramMatch, ReloadMethod } from './knowledge-port';
import type { WorkloadFacts } from './workload-facts';

/** How the reload will be delivered: the method of the knowledge base and where it goes. */
export type Delivered =
  | { readonly how: 'signal-pid1'; readonly method: Extract<ReloadMethod, { kind: 'signal' }> }
  | {
      readonly how: 'exec-kill';
      readonly method: Extract<ReloadMethod, { kind: 'signal' }>;
      readonly process: { readonly pid: number; readonly command: string };
    }
  | { readonly how: 'exec-command'; readonly method: Extract<ReloadMethod, { kind: 'exec' }> }
  | { readonly how: 'http'; readonly method: Extract<ReloadMethod, { kind: 'http' }>; readonly port: number };

export type Choice =
  | { readonly ok: true; readonly delivered: Delivered; readonly plan: ReloadPlan }
  | { readonly ok: false; readonly because: string };

const quote = (argv: readonly string[]): string => argv.join(' ');

function validateStep(match: ProgramMatch): string[] {
  const test = match.entry.configTest;
  return test
    ? [
        `Validate: run \`${quote(test.command)}\` in the container; if it fails, nothing is sent and its output is shown.`,
      ]
    : [
        `Validate: ${match.entry.name} has no config test, so the new config is checked only by the reload itself.`,
      ];
}

const VERIFY =
  'Verify: the main PID is unchanged, the program shows its own sign of a reload (new workers) where it has one, and a TCP probe on each published port saw no refused connection.';

function describe(delivered: Delivered, name: string): { description: string; step: string } {
  switch (delivered.how) {
    case 'signal-pid1':
      return {
        description: `SIG${delivered.method.signal} to PID 1 through the engine's kill API`,
        step: `Reload: send SIG${delivered.method.signal} to PID 1 (\`docker kill -s ${delivered.method.signal}\`), which ${name} handles as a reload.`,
      };
    case 'exec-kill':
      return {
        description: `SIG${delivered.method.signal} to ${name}'s own process with kill run in the container`,
        step: `Reload: run \`kill -${delivered.method.signal} <pid>\` in the container, aimed at "${delivered.process.command}" (host PID ${delivered.process.pid}, resolved to its PID inside the container).`,
      };
    case 'exec-command':
      return {
        description: `its own command \`${quote(delivered.method.command)}\` run in the container`,
        step: `Reload: run \`${quote(delivered.method.command)}\` in the container.`,
      };
    case 'http': {
      const m = delivered.method;
      const pre = m.preconditions.length ? ` (only when: ${m.preconditions.join('; ')})` : '';
      return {
        description: `${m.method} http://127.0.0.1:${delivered.port}${m.path} inside the container`,
        step: `Reload: ${m.method} http://127.0.0.1:${delivered.port}${m.path} from inside the container with curl or wget${pre}.`,
      };
    }
  }
}

function deliverable(
  method: ReloadMethod,
  match: ProgramMatch,
  delivery: Delivery,
  facts: WorkloadFacts,
): Delivered | undefined {
  const avoided = new Set(match.entry.signalsToAvoid.map((s) => s.signal.replace(/^SIG/, '')));
  if (method.kind === 'signal') {
    if (avoided.has(method.signal)) return undefined;
    const pid1 = delivery.pid1;
    const programIsPid1 = pid1.kind === 'program' && (!match.process || match.process.pid === facts.pid1);
    if (pid1.forwardsSignals && (programIsPid1 || pid1.kind === 'init'))
      return { how: 'signal-pid1', method };
    if (match.process) return { how: 'exec-kill', method, process: match.process };
    return undefined;
  }
  if (method.kind === 'exec') return { how: 'exec-command', method };
  const port = method.port ?? match.entry.detect.ports[0];
  return port === undefined ? undefined : { how: 'http', method, port };
}

/** The first reload method of the program's entry that can reach it in this workload. */
export function chooseReload(facts: WorkloadFacts, delivery: Delivery, match: ProgramMatch): Choice {
  const { entry } = match;
  if (entry.reload.length === 0) {
    const what = entry.cannotReload[0];
    return {
      ok: false,
      because: `${entry.name} cannot reload its configuration in place${what ? ` (${what})` : ''}`,
    };
  }
  for (const method of entry.reload) {
    const delivered = deliverable(method, match, delivery, facts);
    if (!delivered) continue;
    const { description, step } = describe(delivered, entry.name);
    return {
      ok: true,
      delivered,
      plan: { kind: delivered.how, description, steps: [...validateStep(match), step, VERIFY] },
    };
  }
  return {
    ok: false,
    because: `${entry.name} reloads by signal, but its process was not found in the container, so there is no PID to send it to`,
  };
}

/** The verdict in one sentence, and the plan when a reload is possible. */
export function verdictFor(
  facts: WorkloadFacts,
  delivery: Delivery,
  match: ProgramMatch | undefined,
): { verdict: Verdict; choice?: Choice } {
  if (!facts.running) {
    return {
      verdict: {
        kind: 'restart',
        sentence:
          'A restart is needed because the container is not running: starting it reads its configuration afresh.',
      },
    };
  }
  if (!match) {
    return {
      verdict: {
        kind: 'restart',
        sentence: `A restart is needed because Bosun does not recognise the program in this container (PID 1: ${delivery.pid1.command || 'unknown'}), so it knows no safe way to reload it.`,
      },
    };
  }
  const choice = chooseReload(facts, delivery, match);
  if (!choice.ok)
    return {
      verdict: { kind: 'restart', sentence: `A restart is needed because ${choice.because}.` },
      choice,
    };
  const tested = match.entry.configTest
    ? `, after its config test (\`${quote(match.entry.configTest.command)}\`) passes`
    : '';
  return {
    verdict: {
      kind: 'reload',
      sentence: `Reload is possible: ${match.entry.name} reloads on ${choice.plan.description}${tested}.`,
      plan: choice.plan,
    },
    choice,
  };
}
