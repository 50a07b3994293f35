import type { CommandPart, InspectSummary } from '../../shared/contract';
import type { ImageDefaults } from './inspect-engine';
import { argvOf, between, integer, record, strings, text, time, type Json } from './raw-fields';
import type { SummaryContext } from './summary-context';

type Healthcheck = NonNullable<InspectSummary['healthcheck']>;

/** How many lines and characters of a health check's output the summary keeps. */
const HEALTH_OUTPUT_LINES = 5;
const HEALTH_OUTPUT_CHARS = 500;

const NS_PER_MS = 1_000_000;

/** A duration the engine gives in nanoseconds, as Go prints it: 30s, 1m30s, 500ms, 1h0m0s reads 1h. */
export function readableDuration(ns: number): string {
  if (ns <= 0) return '0s';
  if (ns < NS_PER_MS * 1000) {
    const ms = ns / NS_PER_MS;
    return ms >= 1 ? `${+ms.toFixed(3)}ms` : `${+(ns / 1000).toFixed(3)}µs`;
  }
  let seconds = ns / (NS_PER_MS * 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = [
    hours ? `${hours}h` : '',
    minutes ? `${minutes}m` : '',
    seconds ? `${+seconds.toFixed(3)}s` : '',
  ];
  return parts.join('');
}

function durationOrDefault(ns: unknown, fallback: string): string {
  const value = integer(ns);
  return value > 0 ? readableDuration(value) : `${fallback} (default)`;
}

function sameArgv(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

/**
 * Entrypoint or Cmd: the container's value (the engine merged the image's default into it at create),
 * and whether it is the image's own or one the container set.
 */
export function commandPart(
  value: unknown,
  imageValue: readonly string[] | null | undefined,
  context: SummaryContext,
): CommandPart {
  const effective = argvOf(value);
  const shown = effective && effective.length > 0 ? { effective: context.argv(effective) } : {};
  if (imageValue === undefined) return { ...shown, source: 'unknown' };
  if (sameArgv(effective, imageValue)) return { ...shown, source: 'image' };
  const image = imageValue && imageValue.length > 0 ? { image: context.argv(imageValue) } : {};
  return { ...shown, source: 'container', ...image };
}

/** Entrypoint and Cmd, compared with the image's defaults (undefined: the image is gone). */
export function commandParts(
  config: Json,
  image: ImageDefaults | undefined,
  context: SummaryContext,
): Pick<InspectSummary, 'entrypoint' | 'cmd'> {
  return {
    entrypoint: commandPart(config['Entrypoint'], image ? image.entrypoint : undefined, context),
    cmd: commandPart(config['Cmd'], image ? image.cmd : undefined, context),
  };
}

export function readState(doc: Json, context: SummaryContext): InspectSummary['state'] {
  const state = record(doc['State']);
  const health = text(record(state['Health'])['Status']);
  const error = text(state['Error']);
  const startedAt = time(state['StartedAt']);
  const finishedAt = time(state['FinishedAt']);
  return {
    status: text(state['Status']) || 'unknown',
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    exitCode: integer(state['ExitCode']),
    oomKilled: state['OOMKilled'] === true,
    restartCount: integer(doc['RestartCount']),
    ...(error ? { error: context.clip(error) } : {}),
    ...(health ? { health } : {}),
  };
}

export function readPid1(doc: Json, context: SummaryContext): InspectSummary['pid1'] {
  const pid = integer(record(doc['State'])['Pid']);
  const path = text(doc['Path']);
  const command = context.argv([...(path ? [path] : []), ...strings(doc['Args'])]);
  return { ...(pid > 0 ? { hostPid: pid } : {}), command };
}

function trimOutput(output: string): string {
  const lines = output.trim().split(/\r?\n/);
  const kept = lines.slice(0, HEALTH_OUTPUT_LINES).join('\n');
  const cut = kept.length > HEALTH_OUTPUT_CHARS ? `${kept.slice(0, HEALTH_OUTPUT_CHARS)}…` : kept;
  return lines.length > HEALTH_OUTPUT_LINES
    ? `${cut}\n… (${lines.length - HEALTH_OUTPUT_LINES} more lines)`
    : cut;
}

/** Config.Healthcheck with State.Health's latest results; undefined when the container has none. */
export function readHealthcheck(doc: Json, context: SummaryContext): Healthcheck | undefined {
  const check = record(record(doc['Config'])['Healthcheck']);
  const test = strings(check['Test']);
  const health = record(record(doc['State'])['Health']);
  if (test.length === 0 && Object.keys(health).length === 0) return undefined;
  const kind = test[0] ?? 'unknown';
  const words = kind === 'CMD' || kind === 'CMD-SHELL' || kind === 'NONE' ? test.slice(1) : test;
  const argv = context.argv(words);
  const shown = kind === 'CMD-SHELL' ? { argv: argv.argv, line: argv.argv.join(' ') } : argv;
  const retries = integer(check['Retries']);
  const status = text(health['Status']);
  const log = Array.isArray(health['Log']) ? health['Log'].map(record) : [];
  return {
    kind,
    test: shown,
    interval: durationOrDefault(check['Interval'], '30s'),
    timeout: durationOrDefault(check['Timeout'], '30s'),
    startPeriod: durationOrDefault(check['StartPeriod'], '0s'),
    retries: retries > 0 ? String(retries) : '3 (default)',
    ...(status ? { status } : {}),
    failingStreak: integer(health['FailingStreak']),
    log: log
      .map((entry) => {
        const durationMs = between(entry['Start'], entry['End']);
        return {
          start: time(entry['Start']) ?? '',
          ...(durationMs !== undefined ? { durationMs } : {}),
          exitCode: integer(entry['ExitCode']),
          output: context.word(trimOutput(text(entry['Output']))),
        };
      })
      .reverse(),
  };
}

export function readRestartPolicy(hostConfig: Json): InspectSummary['restartPolicy'] {
  const policy = record(hostConfig['RestartPolicy']);
  return { name: text(policy['Name']) || 'no', maxRetries: integer(policy['MaximumRetryCount']) };
}
