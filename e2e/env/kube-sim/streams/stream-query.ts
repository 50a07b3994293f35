// Query parameters of exec, attach and portforward, read as the API server's parameter codec reads them.
import type { StreamOptions } from './remote-command';

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False', '']);

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Go's strconv.ParseBool on the last value given; absent means false. */
function queryBool(query: URLSearchParams, name: string): boolean | string {
  const values = query.getAll(name);
  const value = values[values.length - 1];
  if (value === undefined || FALSE.has(value)) return false;
  if (TRUE.has(value)) return true;
  return `invalid value for ${name}: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
}

/** stdin/stdout/stderr/tty; with a TTY stderr is merged into stdout, as the kubelet does silently. */
export function parseStreamOptions(query: URLSearchParams): Parsed<StreamOptions> {
  const flags: Record<'stdin' | 'stdout' | 'stderr' | 'tty', boolean> = {
    stdin: false,
    stdout: false,
    stderr: false,
    tty: false,
  };
  for (const name of ['stdin', 'stdout', 'stderr', 'tty'] as const) {
    const value = queryBool(query, name);
    if (typeof value === 'string') return { ok: false, message: value };
    flags[name] = value;
  }
  if (!flags.stdin && !flags.stdout && !flags.stderr) {
    return { ok: false, message: 'you must specify at least 1 of stdin, stdout, stderr' };
  }
  return { ok: true, value: { ...flags, stderr: flags.stderr && !flags.tty } };
}

/** `command` repeated, one argv entry each. */
export function parseCommand(query: URLSearchParams): Parsed<string[]> {
  const command = query.getAll('command');
  if (command.length === 0 || command[0] === '') {
    return { ok: false, message: 'you must specify at least one command for the container' };
  }
  return { ok: true, value: command };
}

/** `ports=P[,Q]` (repeatable; the kubelet's `port` too): each 1–65535. */
export function parsePorts(query: URLSearchParams): Parsed<number[]> {
  const values = [...query.getAll('ports'), ...query.getAll('port')];
  if (values.length === 0) return { ok: false, message: 'at least one port must be specified' };
  const ports: number[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const port = /^\d{1,5}$/.test(part.trim()) ? Number(part.trim()) : NaN;
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        return {
          ok: false,
          message: `invalid port ${JSON.stringify(part)}: must be between 1 and 65535, inclusive`,
        };
      }
      ports.push(port);
    }
  }
  return { ok: true, value: ports };
}
