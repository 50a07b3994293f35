/**
 * The engine writes a container's status relative to the moment of the list ("Up 3 seconds",
 * "Exited (0) 2 hours ago"). Rows are only re-read when they change, so the text would freeze; this
 * moves it forward from the moment the row was read, in the engine's own wording (go-units
 * HumanDuration), so it reads the same as `docker ps`.
 */

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
};

/** The inverse of humanDuration, in seconds; undefined for text the engine did not write. */
export function parseHumanDuration(text: string): number | undefined {
  if (text === 'Less than a second') return 0;
  if (text === 'About a minute') return 60;
  if (text === 'About an hour') return 3_600;
  const match = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0);
}

/** go-units HumanDuration, the wording of `docker ps`. */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(totalSeconds / 3_600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(totalSeconds / 3_600 / 24 / 365)} years`;
}

interface Relative {
  readonly before: string;
  readonly seconds: number;
  readonly after: string;
}

const UP = /^(Up )(.+?)( \(.+\))?$/;
const AGO = /^((?:Exited|Restarting) \(-?\d+\) )(.+)( ago)$/;

function splitStatus(status: string): Relative | undefined {
  const match = UP.exec(status) ?? AGO.exec(status);
  if (!match) return undefined;
  const seconds = parseHumanDuration(match[2] ?? '');
  if (seconds === undefined) return undefined;
  return { before: match[1] ?? '', seconds, after: match[3] ?? '' };
}

/** The status as the engine would write it now. */
export function liveStatus(status: string, readAt: number, now: number): string {
  const parts = splitStatus(status);
  if (!parts) return status;
  const elapsed = Math.max(0, (now - readAt) / 1_000);
  return `${parts.before}${humanDuration(parts.seconds + elapsed)}${parts.after}`;
}

/** When the status began (ms), for sorting by it; undefined when the text has no time in it. */
export function statusSince(status: string, readAt: number): number | undefined {
  const parts = splitStatus(status);
  return parts ? readAt - parts.seconds * 1_000 : undefined;
}
