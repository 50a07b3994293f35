import type { ProgramEntry, ReloadMethod } from './schema';

/** An argv as someone would type it into a shell: arguments with spaces or quotes are single-quoted. */
function shellWords(command: readonly string[]): string {
  return command
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}

function target(method: Extract<ReloadMethod, { kind: 'signal' }>): string {
  return method.target === 'master' ? 'its master process' : 'its main process';
}

function endpoint(method: Extract<ReloadMethod, { kind: 'http' }>): string {
  return `${method.method} ${method.path}${method.port === undefined ? '' : ` on port ${method.port}`}`;
}

/** The preferred method as a phrase that follows the program's name. */
function preferred(method: ReloadMethod): string {
  switch (method.kind) {
    case 'signal':
      return `reloads on SIG${method.signal} to ${target(method)}`;
    case 'exec':
      return `reloads with \`${shellWords(method.command)}\``;
    case 'http':
      return `reloads through ${endpoint(method)}`;
  }
}

/** Another method, named as briefly as possible. */
function alternative(method: ReloadMethod): string {
  switch (method.kind) {
    case 'signal':
      return `SIG${method.signal}`;
    case 'exec':
      return `\`${shellWords(method.command)}\``;
    case 'http':
      return endpoint(method);
  }
}

/**
 * One or two sentences for people on how the program reloads, e.g. "nginx reloads on SIGHUP to its
 * master process (or `nginx -s reload`)." The one wording the guidance panel and the CLI share.
 */
export function describeReload(entry: ProgramEntry): string {
  const [first, ...others] = entry.reload;
  if (first === undefined) {
    const limits = entry.cannotReload.length > 0 ? entry.cannotReload.join(' ') : 'A change needs a restart.';
    return `${entry.name} has no reload to send. ${limits}`;
  }
  // Two alternatives at most: a sentence, not the whole entry (the UI lists the rest).
  const shown = others.slice(0, 2).map(alternative);
  if (others.length > 2) shown.push(`${others.length - 2} more`);
  const alternatives = shown.length > 0 ? ` (or ${shown.join(', or ')})` : '';
  const conditions =
    first.kind === 'http' && first.preconditions.length > 0
      ? ` It needs ${first.preconditions.join(', and ')}.`
      : '';
  const note = first.note === undefined || /^\([^)]*\)$/.test(first.note) ? '' : ` ${first.note}`;
  return `${entry.name} ${preferred(first)}${alternatives}.${conditions}${note}`;
}
