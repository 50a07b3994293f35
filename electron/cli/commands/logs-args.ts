import { InvalidArgumentError } from 'commander';

const UNIX = /^\d{1,11}(\.\d{1,9})?$/;
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/**
 * --since/--until as `docker logs` takes them, into the contract's log time: unix seconds
 * ("1732480000", "1732480000.5"), an RFC3339 date or date-time (without a zone: local time), or a Go
 * duration before now ("10m", "1h30m", "90s", "1.5h").
 */
export function parseLogTimeArg(value: string, nowMs = Date.now()): string {
  const text = value.trim();
  if (UNIX.test(text)) return text;
  if (DURATION.test(text)) {
    const ns = BigInt(nowMs) * 1_000_000n - durationNs(text);
    if (ns < 0n) throw new InvalidArgumentError(`${value} reaches back before 1970.`);
    return `${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
  }
  const m = DATE.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
    const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
    if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
      throw new InvalidArgumentError(`${value} is not a date Bosun can use.`);
    }
    let ms: number;
    if (zone === undefined) ms = new Date(...parts).getTime();
    else {
      ms = Date.UTC(...parts);
      if (zone !== 'Z') {
        const sign = zone.startsWith('-') ? -1 : 1;
        ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
      }
    }
    if (Number.isNaN(ms) || ms < 0) throw new InvalidArgumentError(`${value} is not a date Bosun can use.`);
    return `${ms / 1000}.${fraction.padEnd(9, '0')}`;
  }
  throw new InvalidArgumentError(
    'a time is a date (2024-11-24, 2024-11-24T21:16:45Z), unix seconds (1732480000) or a duration before now (10m, 1h30m, 90s).',
  );
}

function durationNs(text: string): bigint {
  let total = 0n;
  for (const [, number, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    const [whole = '0', frac = ''] = number!.split('.');
    const scale = UNIT_NS[unit!]!;
    // Decimal fractions on the text: 1.5h is exact, not a float.
    const digits = frac.slice(0, 18);
    total += BigInt(whole) * scale + (BigInt(digits || '0') * scale) / 10n ** BigInt(digits.length);
  }
  return total;
}

/** --tail: a count of lines, or "all" (docker's default). */
export function parseTail(value: string): number | undefined {
  if (value === 'all') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
    throw new InvalidArgumentError('--tail is a number of lines from 0 to 10,000,000, or "all".');
  }
  return n;
}
