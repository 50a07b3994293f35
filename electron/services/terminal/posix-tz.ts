/**
 * Locales whose short zone names are the English abbreviations tzdata uses ("IST", "EST", "CET"); ICU
 * knows an abbreviation only in the locales where it is customary, elsewhere it says "GMT+5:30".
 */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-CA', 'en-NZ', 'en-IE', 'en-ZA'];
/** A POSIX std name without quoting: three or more letters. */
const ALPHA_NAME = /^[A-Za-z]{3,}$/;
/** Area/Location names only: no "..", no leading slash, so it can be joined to /usr/share/zoneinfo. */
const IANA_SYNTAX = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

function formatter(locale: string, zone: string, style: 'short' | 'longOffset'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
}

function zoneName(format: Intl.DateTimeFormat, now: Date): string {
  return format.formatToParts(now).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** Whether `zone` is an IANA zone name this runtime knows (and safe to use as a path below zoneinfo). */
export function isIanaZone(zone: string): boolean {
  if (!IANA_SYNTAX.test(zone)) return false;
  try {
    formatter('en-US', zone, 'short');
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of `zone` at `now`. */
function offsetMinutes(zone: string, now: Date): number {
  const text = zoneName(formatter('en-US', zone, 'longOffset'), now);
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(text);
  if (!match) throw new Error(`unexpected offset "${text}" for ${zone}`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function abbreviation(zone: string, now: Date): string | undefined {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneName(formatter(locale, zone, 'short'), now);
    if (ALPHA_NAME.test(name)) return name;
  }
  return undefined;
}

/**
 * A POSIX TZ string with the zone's offset at `now` ("Asia/Kolkata" → "IST-5:30"), for images without
 * tzdata: glibc and musl parse it with no files. POSIX counts hours west of UTC, hence the flipped sign.
 * A zone without an English abbreviation gets tzdata's numeric name in angle brackets ("<+08>-8").
 * It is a fixed offset: daylight saving changes are not followed. undefined for an unknown zone.
 */
export function posixTimeZone(zone: string, now: Date): string | undefined {
  if (!isIanaZone(zone)) return undefined;
  const east = offsetMinutes(zone, now);
  const abs = Math.abs(east);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  const west = `${east > 0 ? '-' : ''}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
  const numeric = `<${east < 0 ? '-' : '+'}${String(hours).padStart(2, '0')}${minutes ? String(minutes).padStart(2, '0') : ''}>`;
  return `${abbreviation(zone, now) ?? numeric}${west}`;
}
