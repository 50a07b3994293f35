import {
  MAX_SAMPLES_PER_ENTRY,
  type StatsEntry,
  type StatsSample,
  type StatsStatus,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { StatsEngine, StatsReading, StatsStream, StatsStreamEnd } from './stats-engine';
import { toSample } from './stats-math';

/** What the feed tells its owner: the stream ended (the owner decides whether to open it again). */
export type FeedEnded = (feed: StatsFeed, end: StatsStreamEnd) => void;

/**
 * The one engine stats stream of one container, shared by every watch that shows it. It keeps its
 * last few samples, each stamped with a version, so each watch is sent only what it has not had yet.
 */
export class StatsFeed {
  status: StatsStatus = 'starting';
  message = '';
  /** Bumped on every new sample and every change of status. */
  version = 1;
  /** Watches showing this container; at 0 the feed lingers, then closes. */
  refs = 0;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The container is paused (its CPU is 0, whatever a straddling reading says). */
  paused = false;
  private readonly recent: Array<{ version: number; sample: StatsSample }> = [];
  private stream: StatsStream | undefined;
  private opening: AbortController | undefined;
  private previous: StatsReading | undefined;
  private hostMemory = 0;

  constructor(
    readonly key: string,
    readonly connectionId: string,
    readonly containerId: string,
    private readonly onEnded: FeedEnded,
  ) {}

  /** Whether it holds one of its engine's stream slots (open, or opening). */
  get streaming(): boolean {
    return this.stream !== undefined || this.opening !== undefined;
  }

  setStatus(status: StatsStatus, message: string): void {
    if (status === this.status && message === this.message) return;
    this.status = status;
    this.message = message;
    this.version++;
  }

  /** Opens the engine stream; the first sample follows the engine's second reading (about 2 s). */
  async open(engine: StatsEngine): Promise<void> {
    if (this.streaming) return;
    const controller = new AbortController();
    this.opening = controller;
    this.previous = undefined;
    this.setStatus('starting', '');
    try {
      const [hostMemory, stream] = await Promise.all([
        engine.hostMemory().catch(() => 0),
        engine.open(
          this.containerId,
          {
            reading: (reading) => this.take(reading),
            end: (end) => {
              this.stream = undefined;
              this.previous = undefined;
              this.onEnded(this, end);
            },
          },
          controller.signal,
        ),
      ]);
      this.hostMemory = hostMemory;
      if (controller.signal.aborted) stream.close();
      else this.stream = stream;
    } catch (error) {
      if (controller.signal.aborted) return;
      const failure =
        error instanceof AppError ? error : new AppError('INTERNAL', 'Opening the stats stream failed.');
      this.onEnded(this, { kind: 'failed', error: failure });
    } finally {
      if (this.opening === controller) this.opening = undefined;
    }
  }

  /** Ends the stream (if any) and says why there are no samples. */
  stop(status: StatsStatus, message: string): void {
    this.opening?.abort();
    this.opening = undefined;
    this.stream?.close();
    this.stream = undefined;
    this.previous = undefined;
    // Samples from before are not what the container does now: a new watcher must not get them.
    this.recent.length = 0;
    this.setStatus(status, message);
  }

  /** Everything newer than `since` for one watch, or nothing when it has it all. */
  entrySince(since: number): StatsEntry | undefined {
    if (this.version <= since) return undefined;
    return {
      connectionId: this.connectionId,
      containerId: this.containerId,
      status: this.status,
      message: this.message,
      samples: this.recent.filter((r) => r.version > since).map((r) => r.sample),
    };
  }

  /** The newest sample, for tests and the CLI. */
  get latest(): StatsSample | undefined {
    return this.recent.at(-1)?.sample;
  }

  dispose(): void {
    clearTimeout(this.lingerTimer);
    clearTimeout(this.retryTimer);
    this.stop(this.status, this.message);
  }

  private take(reading: StatsReading): void {
    const previous = this.previous;
    this.previous = reading;
    // The engine's first reading has no previous CPU reading: it only starts the rates.
    if (!previous) return;
    const sample = toSample(reading, previous, this.hostMemory, this.paused);
    this.status = 'live';
    this.message = '';
    this.version++;
    this.recent.push({ version: this.version, sample });
    if (this.recent.length > MAX_SAMPLES_PER_ENTRY) this.recent.shift();
  }
}
