import type { LogLine } from '../../../electron/shared/contract';

/**
 * A held line. Ids grow from the oldest line to the newest (lines paged in at the front get ever
 * smaller ids), so they order like positions and survive lines coming and going at either end.
 */
export interface LogEntry extends LogLine {
  readonly id: number;
}

export interface RingLimits {
  /** The most lines held. */
  readonly maxLines: number;
  /** The most characters held over all lines (a few huge lines weigh like many small ones). */
  readonly maxChars: number;
}

/** A literal of one shape: a spread (`{ ...line, id }`) costs ten times as much per line in V8. */
function entry(line: LogLine, id: number): LogEntry {
  return { id, stream: line.stream, time: line.time, text: line.text };
}

export const DEFAULT_LIMITS: RingLimits = { maxLines: 100_000, maxChars: 64 * 1024 * 1024 };

/**
 * A double-ended ring of log lines bounded by count and by characters: appending past a limit drops
 * the oldest lines, prepending (paging back) drops the newest. Index access is O(1) for the virtual
 * list; finding a line by id is a binary search.
 */
export class LineRing {
  private slots: Array<LogEntry | undefined>;
  private head = 0;
  private size = 0;
  private charCount = 0;
  private nextBackId = 0;
  private nextFrontId = -1;

  constructor(readonly limits: RingLimits = DEFAULT_LIMITS) {
    // Grows to maxLines as lines come: a short log does not pay for a 100,000-slot array.
    this.slots = new Array<LogEntry | undefined>(Math.min(1024, limits.maxLines));
  }

  get length(): number {
    return this.size;
  }

  get chars(): number {
    return this.charCount;
  }

  at(index: number): LogEntry | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.slots[(this.head + index) % this.slots.length];
  }

  first(): LogEntry | undefined {
    return this.at(0);
  }

  last(): LogEntry | undefined {
    return this.at(this.size - 1);
  }

  /** Appends lines (oldest first); returns how many of the oldest held lines were dropped to fit. */
  pushBack(lines: readonly LogLine[]): number {
    let dropped = 0;
    // Only the newest maxLines of a huge batch can stay: skip the rest instead of cycling them through.
    const start = Math.max(0, lines.length - this.limits.maxLines);
    for (let i = start; i < lines.length; i++) {
      const line = lines[i]!;
      if (this.size === this.limits.maxLines) dropped += this.dropFront();
      this.grow();
      this.slots[(this.head + this.size) % this.slots.length] = entry(line, this.nextBackId++);
      this.size++;
      this.charCount += line.text.length;
      while (this.charCount > this.limits.maxChars && this.size > 1) dropped += this.dropFront();
    }
    return dropped + start;
  }

  /** Prepends lines (given oldest first); returns how many of the newest held lines were dropped to fit. */
  pushFront(lines: readonly LogLine[]): number {
    let dropped = 0;
    const stop = Math.min(lines.length, this.limits.maxLines);
    for (let i = lines.length - 1; i >= lines.length - stop; i--) {
      const line = lines[i]!;
      if (this.size === this.limits.maxLines) dropped += this.dropBack();
      this.grow();
      this.head = (this.head - 1 + this.slots.length) % this.slots.length;
      this.slots[this.head] = entry(line, this.nextFrontId--);
      this.size++;
      this.charCount += line.text.length;
      while (this.charCount > this.limits.maxChars && this.size > 1) dropped += this.dropBack();
    }
    return dropped;
  }

  /** The index of the line with `id`, or -1 when it is not held. */
  indexOf(id: number): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = this.at(mid)!;
      if (entry.id === id) return mid;
      if (entry.id < id) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The index of the first line whose id is at least `id` (length when none). */
  lowerBound(id: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(mid)!.id < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** How many lines from the front share the first line's exact time (what logs.page calls haveAtBefore). */
  countAtFirstTime(limit: number): number {
    const time = this.first()?.time;
    let count = 0;
    while (count < this.size && count < limit && this.at(count)!.time === time) count++;
    return count;
  }

  /** How many of the newest lines share the last one's time (at most `limit`): what a resume skips. */
  countAtLastTime(limit: number): number {
    const time = this.last()?.time;
    let count = 0;
    while (count < this.size && count < limit && this.at(this.size - 1 - count)!.time === time) count++;
    return count;
  }

  clear(): void {
    this.slots = new Array<LogEntry | undefined>(Math.min(1024, this.limits.maxLines));
    this.head = 0;
    this.size = 0;
    this.charCount = 0;
  }

  private dropFront(): number {
    const entry = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.size--;
    this.charCount -= entry?.text.length ?? 0;
    return 1;
  }

  private dropBack(): number {
    const index = (this.head + this.size - 1) % this.slots.length;
    this.charCount -= this.slots[index]?.text.length ?? 0;
    this.slots[index] = undefined;
    this.size--;
    return 1;
  }

  /** Doubles the slots (up to maxLines) when full, unrolling the ring so the head is at 0. */
  private grow(): void {
    if (this.size < this.slots.length) return;
    const next = new Array<LogEntry | undefined>(Math.min(this.slots.length * 2, this.limits.maxLines));
    for (let i = 0; i < this.size; i++) next[i] = this.at(i);
    this.slots = next;
    this.head = 0;
  }
}
