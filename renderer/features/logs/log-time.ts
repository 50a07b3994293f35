const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Milliseconds since the epoch of an engine time ("1732480000.123456789"). */
export function logTimeToMs(time: string): number {
  const [seconds = '0', fraction = ''] = time.split('.');
  return Number(seconds) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
}

/** Local date and time with milliseconds, fixed width so the text after it lines up. */
export function formatLogTime(time: string): string {
  const date = new Date(logTimeToMs(time));
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

/** `YYYYMMDD-HHMMSS` in local time, for file names. */
export function fileStamp(date: Date): string {
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

export type TimeInput = { ok: true; time: string | undefined } | { ok: false; message: string };

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Reads a since/until box: empty (no bound), a relative age ("10m", "1h", "2d", "30s" ago), or a
 * local date and time ("2025-01-31 14:00", "2025-01-31T14:00:05"). Returns the engine's form, unix
 * seconds; a message saying what is accepted otherwise.
 */
export function parseTimeInput(input: string, nowMs: number): TimeInput {
  const text = input.trim();
  if (text === '') return { ok: true, time: undefined };
  const relative = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(text);
  if (relative) {
    const seconds = Number(relative[1]) * (UNITS[relative[2]!.toLowerCase()] ?? 1);
    return { ok: true, time: secondsText(Math.max(0, nowMs / 1000 - seconds)) };
  }
  const absolute = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(
    text,
  );
  if (absolute) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = absolute;
    const date = new Date(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number(ms.padEnd(3, '0')),
    );
    // new Date rolls "2025-02-31" over to March: a date that does not exist is refused instead.
    if (Number.isNaN(date.getTime()) || date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d)) {
      return { ok: false, message: `${text} is not a date.` };
    }
    return { ok: true, time: secondsText(Math.max(0, date.getTime() / 1000)) };
  }
  return {
    ok: false,
    message: `“${text}” is not a time: use an age like 10m, 1h, 2d or a local time like 2025-01-31 14:00.`,
  };
}

/** Unix seconds with millisecond decimals, as the contract's log time takes them. */
function secondsText(seconds: number): string {
  return seconds.toFixed(3);
}

/** Orders two engine times exactly (nanoseconds matter): negative, zero or positive. */
export function compareLogTime(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const seconds = Number(as) - Number(bs);
  if (seconds !== 0) return seconds;
  const fa = af.padEnd(9, '0');
  const fb = bf.padEnd(9, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
