import { parseAnsi, type ParsedAnsi } from './ansi';
import type { LogEntry } from './line-ring';

/** Characters of a line laid out in the list; the rest is one click away ("show full line"). */
export const DISPLAY_CAP = 2_000;

/**
 * Parsed lines for the rows on screen, by line id: parsing happens only for rows that render, once,
 * and the cache stays small however long the log is (the oldest entries go first).
 */
export class ParsedLines {
  private readonly cache = new Map<number, ParsedAnsi>();

  constructor(private readonly capacity = 3_000) {}

  get(entry: LogEntry): ParsedAnsi {
    const hit = this.cache.get(entry.id);
    if (hit) return hit;
    const parsed = parseAnsi(entry.text, DISPLAY_CAP);
    this.cache.set(entry.id, parsed);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return parsed;
  }

  get size(): number {
    return this.cache.size;
  }
}
