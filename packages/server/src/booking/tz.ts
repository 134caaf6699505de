/**
 * Time-zone arithmetic with `Intl` only (no date library): wall-clock time in an IANA zone ⇄
 * instants, DST gaps and overlaps included.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    format(tz);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in `tz`. */
export function wallClock(ms: number, tz: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of format(tz).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p['year']!, m: p['month']!, d: p['day']!, h: p['hour']! % 24, min: p['minute']!, s: p['second']! };
}

/** Offset of `tz` from UTC at an instant, in minutes (Luxembourg in summer: 120). */
export function offsetMinutes(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** `YYYY-MM-DD` of an instant in `tz`. */
export function localDate(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/**
 * The instant at which the clocks in `tz` show `date` `minutes` after midnight; `undefined` when
 * that wall time does not exist (the spring-forward gap). In the autumn overlap, the first one.
 */
export function zonedInstant(date: string, minutes: number, tz: string): number | undefined {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  // Try the offsets valid a day around the guess; keep the earliest that round-trips.
  const candidates = new Set([offsetMinutes(guess - 86_400_000, tz), offsetMinutes(guess, tz), offsetMinutes(guess + 86_400_000, tz)]);
  let best: number | undefined;
  for (const off of candidates) {
    const t = guess - off * 60_000;
    if (offsetMinutes(t, tz) === off && (best === undefined || t < best)) best = t;
  }
  return best;
}

/** Day of week of a `YYYY-MM-DD` date: 0 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `date` plus `days` (calendar arithmetic, zone-free). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Start of day `date` in `tz` (the first instant of that day, even when midnight is skipped). */
export function startOfDay(date: string, tz: string): number {
  for (let min = 0; min < 24 * 60; min += 15) {
    const t = zonedInstant(date, min, tz);
    if (t !== undefined) return t;
  }
  throw new Error(`no instant for ${date} in ${tz}`);
}

const pad = (n: number) => String(n).padStart(2, '0');
