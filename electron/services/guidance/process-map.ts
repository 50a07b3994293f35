import type { ProcessRow } from './guidance-engine';

/**
 * Lists the container's processes as seen inside its PID namespace using only shell builtins
 * (`read` from /proc/N/stat): images with a shell but without ps or cat still answer.
 */
export const LIST_PROC_SCRIPT =
  'for p in /proc/[0-9]*; do read -r line < "$p/stat" 2>/dev/null && echo "$line"; done';

export interface InnerProcess {
  readonly pid: number;
  readonly ppid: number;
  /** The kernel's comm: the executable's name, cut at 15 characters. */
  readonly comm: string;
}

/** Parses `pid (comm) state ppid …` lines; comm may hold spaces and parentheses, so the last ")" ends it. */
export function parseStatLines(text: string): InnerProcess[] {
  const out: InnerProcess[] = [];
  for (const line of text.split('\n')) {
    const open = line.indexOf('(');
    const close = line.lastIndexOf(')');
    if (open < 0 || close < open) continue;
    const pid = Number(line.slice(0, open).trim());
    const rest = line
      .slice(close + 1)
      .trim()
      .split(/\s+/);
    const ppid = Number(rest[1]);
    if (Number.isInteger(pid) && Number.isInteger(ppid))
      out.push({ pid, ppid, comm: line.slice(open + 1, close) });
  }
  return out;
}

function childrenOf<T extends { pid: number; ppid?: number }>(rows: readonly T[], parent: number): T[] {
  return rows.filter((row) => row.ppid === parent).sort((a, b) => a.pid - b.pid);
}

/** Whether a /top command line and a comm name the same program ("nginx: master process …" and "nginx"). */
function sameProgram(command: string, comm: string): boolean {
  const first = command.trim().split(/\s+/)[0] ?? '';
  const name = first.slice(first.lastIndexOf('/') + 1).replace(/:$/, '');
  return name.startsWith(comm) || comm.startsWith(name.slice(0, 15)) || command.includes(comm);
}

/**
 * The PID inside the container of the process /top lists as `hostPid`: the process trees of both
 * views are the same (PID 1 at the root; exec'd processes hang outside it in both), and a parent's
 * children come in the same PID order in both namespaces. Undefined when the trees differ (a process
 * came or went between the two reads): the caller says so instead of signalling a guess.
 */
export function innerPid(
  hostRows: readonly ProcessRow[],
  hostPid1: number,
  inner: readonly InnerProcess[],
  hostPid: number,
): number | undefined {
  const byPid = new Map(hostRows.map((row) => [row.pid, row]));
  const chain: ProcessRow[] = [];
  for (let row = byPid.get(hostPid); row; row = row.ppid === undefined ? undefined : byPid.get(row.ppid)) {
    chain.unshift(row);
    if (row.pid === hostPid1) break;
    if (chain.length > 64) return undefined;
  }
  if (chain[0]?.pid !== hostPid1) return undefined;
  let current = 1;
  for (let depth = 1; depth < chain.length; depth++) {
    const hostChildren = childrenOf(hostRows, chain[depth - 1]!.pid);
    const innerChildren = childrenOf(inner, current);
    if (hostChildren.length !== innerChildren.length) return undefined;
    const index = hostChildren.findIndex((row) => row.pid === chain[depth]!.pid);
    const match = innerChildren[index];
    if (!match || !sameProgram(chain[depth]!.command, match.comm)) return undefined;
    current = match.pid;
  }
  return current;
}
