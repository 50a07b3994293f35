import { ExternalStore } from '../../api/external-store';
import { stripAnsi } from './ansi';
import type { LineRing } from './line-ring';
import { compileSearch, countMatches, type SearchOptions } from './search-query';

export interface SearchSnapshot {
  readonly query: string;
  readonly options: SearchOptions;
  /** The compiled pattern, for highlighting rows; undefined when there is no (valid) query. */
  readonly pattern: RegExp | undefined;
  /** Why the query cannot be used (an invalid regular expression). */
  readonly error: string | undefined;
  /** Matches counted so far among the held lines. */
  readonly total: number;
  /** Counting stopped at MAX_MATCHES: the total is a lower bound. */
  readonly capped: boolean;
  /** Lines are still being counted (in slices, so the page stays responsive). */
  readonly searching: boolean;
  /** The selected match: its position among all matches, its line and which match within that line. */
  readonly current: { readonly index: number; readonly lineId: number; readonly nth: number } | undefined;
}

/** Lines counted per slice: each slice stays well under a frame's budget for typical lines. */
export const SEARCH_CHUNK = 5_000;
export const MAX_MATCHES = 100_000;

/** Runs `work` later; tests pass their own to step through slices. */
export type SliceScheduler = (work: () => void) => () => void;

const timeoutScheduler: SliceScheduler = (work) => {
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
};

/**
 * Counts and navigates the matches of a query over the held lines without blocking: lines are scanned
 * in slices between tasks, lines that arrive later (followed, or paged in at the front) are scanned as
 * they come, and matches of lines that leave the buffer are dropped. Matches are kept as the ids of
 * their lines, one entry per match, in line order.
 */
export class LogSearch extends ExternalStore<SearchSnapshot> {
  private matches: number[] = [];
  /** Held lines with ids in [low, high] have been counted. */
  private low = 0;
  private high = -1;
  private cancelSlice: (() => void) | undefined;
  private selected: { lineId: number; nth: number } | undefined;

  constructor(
    private readonly ring: LineRing,
    private readonly schedule: SliceScheduler = timeoutScheduler,
  ) {
    super({
      query: '',
      options: { regex: false, caseSensitive: false },
      pattern: undefined,
      error: undefined,
      total: 0,
      capped: false,
      searching: false,
      current: undefined,
    });
  }

  /** A new query or options: counting starts over. */
  setQuery(query: string, options: SearchOptions): void {
    this.cancelSlice?.();
    this.cancelSlice = undefined;
    this.matches = [];
    this.selected = undefined;
    const compiled = compileSearch(query, options);
    const first = this.ring.first();
    this.low = first?.id ?? 0;
    this.high = this.low - 1;
    this.publish({
      query,
      options,
      pattern: compiled?.ok ? compiled.pattern : undefined,
      error: compiled && !compiled.ok ? compiled.message : undefined,
      capped: false,
    });
    this.pump();
  }

  /** The held lines changed (appended, paged in, dropped, cleared): keep the count true to them. */
  linesChanged(): void {
    const first = this.ring.first();
    const last = this.ring.last();
    if (!first || !last) {
      this.matches = [];
      this.high = this.low - 1;
    } else {
      const from = lowerBound(this.matches, first.id);
      const to = lowerBound(this.matches, last.id + 1);
      if (from > 0 || to < this.matches.length) this.matches = this.matches.slice(from, to);
      if (this.high < first.id || this.low > last.id) {
        // Nothing counted is held any more (a new stream, or everything scrolled out): start at the front.
        this.low = first.id;
        this.high = first.id - 1;
      } else {
        this.low = Math.max(this.low, first.id);
        this.high = Math.min(this.high, last.id);
      }
    }
    if (this.selected && this.ring.indexOf(this.selected.lineId) < 0) this.selected = undefined;
    this.publish({});
    this.pump();
  }

  /** Selects the next match after the selected one, or the first at or after line `fromId`; wraps around. */
  next(fromId?: number): SearchSnapshot['current'] {
    return this.step(1, fromId);
  }

  previous(fromId?: number): SearchSnapshot['current'] {
    return this.step(-1, fromId);
  }

  dispose(): void {
    this.cancelSlice?.();
    this.cancelSlice = undefined;
  }

  private step(direction: 1 | -1, fromId: number | undefined): SearchSnapshot['current'] {
    const count = this.matches.length;
    if (count === 0) return undefined;
    const at = this.currentIndex();
    let index: number;
    if (at !== undefined) index = (at + direction + count) % count;
    else if (fromId !== undefined) {
      const start = lowerBound(this.matches, direction === 1 ? fromId : fromId + 1);
      index = direction === 1 ? start % count : (start - 1 + count) % count;
    } else index = direction === 1 ? 0 : count - 1;
    const lineId = this.matches[index]!;
    this.selected = { lineId, nth: index - lowerBound(this.matches, lineId) };
    this.publish({});
    return this.getSnapshot().current;
  }

  private currentIndex(): number | undefined {
    if (!this.selected) return undefined;
    const index = lowerBound(this.matches, this.selected.lineId) + this.selected.nth;
    return this.matches[index] === this.selected.lineId ? index : undefined;
  }

  private publish(change: Partial<SearchSnapshot>): void {
    const base = { ...this.getSnapshot(), ...change };
    const index = this.currentIndex();
    this.set({
      ...base,
      total: this.matches.length,
      searching: base.pattern !== undefined && this.hasWork(),
      current: index === undefined || !this.selected ? undefined : { index, ...this.selected },
    });
  }

  private hasWork(): boolean {
    const first = this.ring.first();
    const last = this.ring.last();
    if (!first || !last) return false;
    return last.id > this.high || first.id < this.low;
  }

  private pump(): void {
    if (this.cancelSlice || !this.getSnapshot().pattern || !this.hasWork()) return;
    this.cancelSlice = this.schedule(() => {
      this.cancelSlice = undefined;
      this.slice();
      this.publish({});
      this.pump();
    });
  }

  /** Counts up to SEARCH_CHUNK lines: newer unscanned lines first, then older ones paged in. */
  private slice(): void {
    const pattern = this.getSnapshot().pattern;
    if (!pattern) return;
    const last = this.ring.last();
    let capped = this.getSnapshot().capped;
    if (last && last.id > this.high) {
      const start = this.ring.lowerBound(this.high + 1);
      const end = Math.min(this.ring.length, start + SEARCH_CHUNK);
      for (let i = start; i < end; i++) {
        const entry = this.ring.at(i)!;
        const count = capped ? 0 : countMatches(pattern, stripAnsi(entry.text));
        for (let k = 0; k < count && this.matches.length < MAX_MATCHES; k++) this.matches.push(entry.id);
        if (this.matches.length >= MAX_MATCHES && count > 0) capped = true;
        this.high = entry.id;
      }
    } else {
      const end = this.ring.lowerBound(this.low);
      const start = Math.max(0, end - SEARCH_CHUNK);
      const found: number[] = [];
      for (let i = start; i < end; i++) {
        const entry = this.ring.at(i)!;
        const count = countMatches(pattern, stripAnsi(entry.text));
        for (let k = 0; k < count; k++) found.push(entry.id);
      }
      const room = Math.max(0, MAX_MATCHES - this.matches.length);
      if (found.length > room) capped = true;
      // Older matches go in front; past the cap the ones nearest to what is already counted stay.
      if (found.length > 0 && room > 0) this.matches = found.slice(found.length - room).concat(this.matches);
      const first = this.ring.at(start);
      if (first) this.low = first.id;
    }
    if (capped !== this.getSnapshot().capped) this.publish({ capped });
  }
}

/** The first index whose value is at least `value` in an ascending array. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
