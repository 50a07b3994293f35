const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

const NANOS = /^\d{9}$/;

/** The last second seen, in Docker's fixed form "YYYY-MM-DDTHH:MM:SS" (UTC), and as unix seconds. */
let cachedHead = '\u0000';
let cachedSeconds = '';

/**
 * An engine timestamp (RFC3339Nano, "2024-11-24T21:16:45.08928378Z") as the contract's log time: unix
 * seconds with exactly nine decimals, worked out on the text (a double cannot hold nanoseconds since
 * 1970). Times before 1970 (a driver's zero time) become 0. Undefined for text that is not a timestamp.
 */
export function rfc3339ToLogTime(timestamp: string): string | undefined {
  // Docker's fixed form (nine digits, UTC), many lines a second: the date arithmetic runs once a second.
  if (timestamp.length === 30 && timestamp.charCodeAt(29) === 90 && timestamp.charCodeAt(19) === 46) {
    const nanos = timestamp.slice(20, 29);
    if (timestamp.startsWith(cachedHead) && NANOS.test(nanos)) return `${cachedSeconds}.${nanos}`;
  }
  const m = RFC3339.exec(timestamp);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', tz] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (tz !== 'Z') {
    const sign = tz!.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(tz!.slice(1, 3)) * 60 + Number(tz!.slice(4, 6))) * 60_000;
  } else {
    cachedHead = timestamp.slice(0, 19);
    cachedSeconds = String(Math.max(0, ms / 1000));
  }
  if (Number.isNaN(ms)) return undefined;
  if (ms < 0) return '0.000000000';
  return `${ms / 1000}.${fraction.padEnd(9, '0')}`;
}

/** Orders two log times ("unix.nanos" text) without float rounding: negative, zero or positive. */
export function compareLogTime(a: string, b: string): number {
  const [ai = '0', an = ''] = a.split('.');
  const [bi = '0', bn = ''] = b.split('.');
  const as = ai.replace(/^0+(?=\d)/, '');
  const bs = bi.replace(/^0+(?=\d)/, '');
  if (as.length !== bs.length) return as.length - bs.length;
  if (as !== bs) return as < bs ? -1 : 1;
  const x = an.padEnd(9, '0');
  const y = bn.padEnd(9, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A log time as RFC3339 with nine decimals in UTC, as `docker logs -t` prints it. */
export function logTimeToRfc3339(time: string): string {
  const [seconds = '0', nanos = ''] = time.split('.');
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${nanos.padEnd(9, '0')}Z`;
}
