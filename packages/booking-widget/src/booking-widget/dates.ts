/** Calendar helpers in the visitor's time zone (`Intl` only). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in `tz`. */
export function dateIn(ms: number, tz: string): string {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']}`;
}

const parse = (date: string) => date.split('-').map(Number) as [number, number, number];
const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (t: Date) => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

export function addDays(date: string, days: number): string {
  const [y, m, d] = parse(date);
  return fmt(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fmt(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

export const monthOf = (date: string) => date.slice(0, 7);
export const firstOfMonth = (month: string) => `${month}-01`;
export function lastOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fmt(new Date(Date.UTC(y, m, 0)));
}
/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(date: string): number {
  const [y, m, d] = parse(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
/** A Date at noon UTC of that day (safe to format with timeZone: 'UTC'). */
export const noon = (date: string) => {
  const [y, m, d] = parse(date);
  return new Date(Date.UTC(y, m - 1, d, 12));
};

/** First day of the week for a language (0 = Sunday), from `Intl.Locale` week info. */
export function firstDayOfWeek(lang: string): number {
  try {
    const loc = new Intl.Locale(lang) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const first = loc.getWeekInfo?.().firstDay ?? loc.weekInfo?.firstDay;
    if (first) return first % 7;
  } catch {
    /* fall through */
  }
  return 1;
}

/** Weeks of a month as rows of 7 dates (`undefined` outside the month). */
export function monthMatrix(month: string, firstDay: number): (string | undefined)[][] {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  const lead = (weekdayOf(first) - firstDay + 7) % 7;
  const cells: (string | undefined)[] = Array.from({ length: lead }, () => undefined);
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(undefined);
  const rows: (string | undefined)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}

/** The visitor's time zone as the browser reports it. */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
