import type { ProgramEntry } from './schema';

/** One process of the container, as `docker top` (or /proc in a pod) lists it. */
export interface ProcessLine {
  pid: number;
  ppid?: number;
  /** The full args line. */
  command: string;
}

export interface FindProgramsInput {
  /** As the container reports it: 'library/nginx:1.25', 'localhost:5000/app@sha256:…', or an image id. */
  image: string;
  processes: readonly ProcessLine[];
  ports: readonly number[];
}

export type MatchConfidence = 'process' | 'image' | 'port';

export interface ProgramMatch {
  entry: ProgramEntry;
  /** The process to act on (the master where there is one); only for a process match. */
  process?: { pid: number; command: string };
  confidence: MatchConfidence;
}

interface Compiled {
  entry: ProgramEntry;
  order: number;
  images: RegExp[];
  commands: RegExp[];
  master: RegExp | undefined;
}

/**
 * The names an image is matched by: its repository without tag or digest ('library/nginx'), and
 * `repository:tag` too when there is a tag, since some images differ only by tag ('php:8.3-fpm').
 * An image id (sha256:…) names no program.
 */
export function imageNames(image: string): string[] {
  const ref = image.trim().toLowerCase().split('@')[0] ?? '';
  if (ref === '' || ref.startsWith('sha256:') || /^[a-f0-9]{64}$/.test(ref)) return [];
  const colon = ref.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port (localhost:5000/app), not to a tag.
  if (colon <= ref.lastIndexOf('/')) return [ref];
  return [ref.slice(0, colon), ref];
}

/**
 * The process to act on among those an entry matched: its master by title where the program renames
 * itself, otherwise the topmost one (whose parent is not also a match: a pre-fork master whose workers
 * share its command line), lowest PID first.
 */
function pickProcess(matched: readonly ProcessLine[], master: RegExp | undefined): ProcessLine {
  const byPid = [...matched].sort((a, b) => a.pid - b.pid);
  const titled = master ? byPid.find((p) => master.test(p.command.trim())) : undefined;
  if (titled) return titled;
  const pids = new Set(byPid.map((p) => p.pid));
  const root = byPid.find((p) => p.ppid === undefined || !pids.has(p.ppid));
  return root ?? (byPid[0] as ProcessLine);
}

/** Whether `ancestor` is a parent, grandparent… of `pid` in the listing (cycles are cut). */
function isAncestor(parents: ReadonlyMap<number, number>, ancestor: number, pid: number): boolean {
  const seen = new Set<number>();
  for (let p = parents.get(pid); p !== undefined && !seen.has(p); p = parents.get(p)) {
    if (p === ancestor) return true;
    seen.add(p);
  }
  return false;
}

/** Builds the lookup over a validated knowledge base; the regexes are compiled once here. */
export function programFinder(
  knowledge: readonly ProgramEntry[],
): (input: FindProgramsInput) => ProgramMatch[] {
  const compiled: Compiled[] = knowledge.map((entry, order) => ({
    entry,
    order,
    images: entry.detect.images.map((source) => new RegExp(source)),
    commands: entry.detect.commands.map((source) => new RegExp(source)),
    master: entry.detect.masterTitle === undefined ? undefined : new RegExp(entry.detect.masterTitle),
  }));

  return (input) => {
    const names = imageNames(input.image);
    const byProcess: (ProgramMatch & { imageToo: boolean; pid: number; order: number })[] = [];
    const byImage: ProgramMatch[] = [];
    const byPort: (ProgramMatch & { hits: number })[] = [];

    for (const c of compiled) {
      const imageMatches = names.some((name) => c.images.some((re) => re.test(name)));
      const matched = input.processes.filter((p) => c.commands.some((re) => re.test(p.command.trim())));
      if (matched.length > 0) {
        const chosen = pickProcess(matched, c.master);
        byProcess.push({
          entry: c.entry,
          process: { pid: chosen.pid, command: chosen.command },
          confidence: 'process',
          imageToo: imageMatches,
          pid: chosen.pid,
          order: c.order,
        });
      } else if (imageMatches) {
        byImage.push({ entry: c.entry, confidence: 'image' });
      } else {
        const hits = c.entry.detect.ports.filter((port) => input.ports.includes(port)).length;
        if (hits > 0) byPort.push({ entry: c.entry, confidence: 'port', hits });
      }
    }

    // A program seen running (or named by the image) makes a guess from a well-known port noise.
    const ports = byProcess.length + byImage.length > 0 ? [] : byPort.sort((a, b) => b.hits - a.hits);
    // A supervisor (PM2 over its node apps) comes before what it runs; then the program the image
    // names too; then the earliest started.
    const parents = new Map(
      input.processes.flatMap((p) => (p.ppid === undefined ? [] : [[p.pid, p.ppid] as const])),
    );
    byProcess.sort(
      (a, b) =>
        Number(isAncestor(parents, b.pid, a.pid)) - Number(isAncestor(parents, a.pid, b.pid)) ||
        Number(b.imageToo) - Number(a.imageToo) ||
        a.pid - b.pid ||
        a.order - b.order,
    );
    return [
      ...byProcess.map(({ entry, process, confidence }) => ({ entry, process, confidence })),
      ...byImage,
      ...ports.map(({ entry, confidence }) => ({ entry, confidence })),
    ];
  };
}
