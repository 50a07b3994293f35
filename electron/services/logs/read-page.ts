import type { LogLine, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { LogsEngine } from './logs-engine';
import { compareLogTime } from '../../shared/logs/log-time';

type PageInput = Pick<
  ParsedIn<'logs.page'>,
  'containerId' | 'stdout' | 'stderr' | 'before' | 'haveAtBefore' | 'limit'
>;

/**
 * The `limit` lines just before `before`, oldest first.
 *
 * The engine cannot be asked for "the last N lines up to T": it applies `tail` to the whole log first
 * and `until` after (Docker 20.10 json-file answers `until=T&tail=N` with nothing when the last N lines
 * are after T). So the page reads every line up to `before` and keeps the last `limit + haveAtBefore`
 * in a ring: memory is bounded by the page, the time grows with how far back the page is.
 * `until` includes lines at exactly `before`; the last `haveAtBefore` of those are the client's already.
 */
export async function readPage(
  engine: Pick<LogsEngine, 'open'>,
  input: PageInput,
  signal?: AbortSignal,
): Promise<Out<'logs.page'>> {
  const ring = new LineRing(input.limit + input.haveAtBefore);
  let settle: { resolve: () => void; reject: (error: AppError) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const source = await engine.open(
    input.containerId,
    { stdout: input.stdout, stderr: input.stderr, follow: false, until: input.before },
    {
      lines: (lines) => ring.push(lines),
      end: (error) => (error ? settle!.reject(error) : settle!.resolve()),
    },
    signal,
  );
  const onAbort = (): void => {
    source.close();
    settle!.reject(
      signal?.reason instanceof AppError
        ? signal.reason
        : new AppError('CANCELLED', 'Paging the log was cancelled.'),
    );
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await done;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const lines = ring.toArray();
  let seen = ring.seen;
  let drop = 0;
  while (
    drop < input.haveAtBefore &&
    lines.length - drop > 0 &&
    compareLogTime(lines[lines.length - 1 - drop]!.time, input.before) === 0
  ) {
    drop++;
  }
  lines.length -= drop;
  seen -= drop;
  const page = lines.slice(Math.max(0, lines.length - input.limit));
  return { lines: page, more: seen > page.length };
}

/** The last `size` lines pushed, and how many were pushed in all. */
class LineRing {
  private readonly slots: LogLine[];
  private next = 0;
  seen = 0;

  constructor(private readonly size: number) {
    this.slots = [];
  }

  push(lines: readonly LogLine[]): void {
    for (const line of lines) {
      if (this.slots.length < this.size) this.slots.push(line);
      else this.slots[this.next] = line;
      this.next = (this.next + 1) % this.size;
      this.seen++;
    }
  }

  toArray(): LogLine[] {
    if (this.slots.length < this.size) return [...this.slots];
    return [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }
}
