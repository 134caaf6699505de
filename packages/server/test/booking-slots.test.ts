// Slot generation: wall-clock opening hours in the business's zone → the right instants,
// across the Luxembourg DST changes and for visitors in New York and Kolkata.
import { describe, expect, it } from 'vitest';
import { BookingServiceConfig } from '../src/booking/config.js';
import { generateSlots, isSlot, openIntervals } from '../src/booking/slots.js';
import { addDays, localDate, offsetMinutes, startOfDay, zonedInstant } from '../src/booking/tz.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (s: string) => Date.parse(s);
const LONG_AGO = at('2026-01-01T00:00:00Z');

function service(over: Record<string, unknown> = {}) {
  return BookingServiceConfig.parse({
    id: 'consult',
    name: 'Consultation',
    durationMinutes: 60,
    timezone: 'Europe/Luxembourg',
    hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
    minNoticeMinutes: 0,
    horizonDays: 366,
    ...over,
  });
}

/** Slots of a visitor's day in their zone, as the slots endpoint computes it. */
function visitorDay(svc: ReturnType<typeof service>, date: string, tz: string, now = LONG_AGO) {
  return generateSlots(svc, { from: startOfDay(date, tz), to: startOfDay(addDays(date, 1), tz), now }).map((s) => iso(s.start));
}

describe('booking config', () => {
  it('names the path of a mistake: unknown keys, bad times, unknown zones', () => {
    const bad = BookingServiceConfig.safeParse({ ...service(), minNotice: 5, hours: { mon: [['17:00', '09:00']] }, timezone: 'Europe/Atlantis' });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toContain('hours.mon.0: expected the end after the start');
    expect(paths).toContain('timezone: unknown time zone');
    expect(paths.some((p) => p.startsWith(': ') || p.includes('minNotice'))).toBe(true);
  });
});

describe('time-zone arithmetic (Intl)', () => {
  it('knows the Luxembourg offsets on both sides of each change', () => {
    expect(offsetMinutes(at('2026-03-29T00:59:00Z'), 'Europe/Luxembourg')).toBe(60);
    expect(offsetMinutes(at('2026-03-29T01:00:00Z'), 'Europe/Luxembourg')).toBe(120);
    expect(offsetMinutes(at('2026-10-25T00:59:00Z'), 'Europe/Luxembourg')).toBe(120);
    expect(offsetMinutes(at('2026-10-25T01:00:00Z'), 'Europe/Luxembourg')).toBe(60);
    expect(offsetMinutes(at('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
  it('has no instant for a skipped wall time and takes the first of a repeated one', () => {
    expect(zonedInstant('2026-03-29', 2 * 60 + 30, 'Europe/Luxembourg')).toBeUndefined();
    expect(iso(zonedInstant('2026-10-25', 2 * 60 + 30, 'Europe/Luxembourg')!)).toBe('2026-10-25T00:30:00Z');
    expect(iso(zonedInstant('2026-03-29', 3 * 60, 'Europe/Luxembourg')!)).toBe('2026-03-29T01:00:00Z');
    expect(localDate(at('2026-03-29T22:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-30');
  });
});

describe('slot generation', () => {
  it('gives 09:00–16:00 Luxembourg time as UTC instants one hour apart, before and after the March change', () => {
    const svc = service();
    const fri = visitorDay(svc, '2026-03-27', 'Europe/Luxembourg');
    expect(fri[0]).toBe('2026-03-27T08:00:00Z'); // CET, UTC+1
    expect(fri.at(-1)).toBe('2026-03-27T15:00:00Z');
    expect(fri).toHaveLength(8);
    const mon = visitorDay(svc, '2026-03-30', 'Europe/Luxembourg');
    expect(mon[0]).toBe('2026-03-30T07:00:00Z'); // CEST, UTC+2
    expect(mon).toHaveLength(8);
    expect(visitorDay(svc, '2026-03-28', 'Europe/Luxembourg')).toEqual([]); // Saturday: closed
  });

  it('on the last Sunday of March, skips the hour that does not exist', () => {
    const svc = service({ hours: { sun: [['01:00', '05:00']] } });
    expect(visitorDay(svc, '2026-03-29', 'Europe/Luxembourg')).toEqual(['2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z']);
  });

  it('on the last Sunday of October, offers the repeated hour once and keeps the later slots on the right instants', () => {
    const svc = service({ hours: { sun: [['01:00', '05:00']] } });
    expect(visitorDay(svc, '2026-10-25', 'Europe/Luxembourg')).toEqual([
      '2026-10-24T23:00:00Z',
      '2026-10-25T00:00:00Z',
      '2026-10-25T02:00:00Z',
      '2026-10-25T03:00:00Z',
    ]);
    // A whole week across the change: Monday 26 October starts at 09:00 CET = 08:00Z.
    expect(visitorDay(service(), '2026-10-23', 'Europe/Luxembourg')[0]).toBe('2026-10-23T07:00:00Z');
    expect(visitorDay(service(), '2026-10-26', 'Europe/Luxembourg')[0]).toBe('2026-10-26T08:00:00Z');
  });

  it('for a visitor in New York, during the weeks when only the US has changed clocks', () => {
    const svc = service();
    // 9 March 2026: New York already on EDT (UTC-4), Luxembourg still on CET (UTC+1): 5 h apart.
    const day = visitorDay(svc, '2026-03-09', 'America/New_York');
    expect(day[0]).toBe('2026-03-09T08:00:00Z'); // 04:00 in New York
    expect(day).toHaveLength(8);
    // The visitor's Sunday 29 March ends at 04:00Z on Monday: Monday's 09:00 CEST (07:00Z) is on their Monday.
    expect(visitorDay(svc, '2026-03-29', 'America/New_York')).toEqual([]);
    expect(visitorDay(svc, '2026-03-30', 'America/New_York')[0]).toBe('2026-03-30T07:00:00Z');
  });

  it('for a visitor in Kolkata (UTC+5:30), slots after 00:00 their time belong to their next day', () => {
    const svc = service({ hours: { mon: [['18:00', '22:00']], tue: [['18:00', '22:00']] }, durationMinutes: 30 });
    const mon = visitorDay(svc, '2026-03-30', 'Asia/Kolkata');
    // 18:00–20:00 CEST = 16:00Z–18:00Z; 20:30 CEST = 18:30Z = 00:00 on the 31st in Kolkata.
    expect(mon).toEqual(['2026-03-30T16:00:00Z', '2026-03-30T16:30:00Z', '2026-03-30T17:00:00Z', '2026-03-30T17:30:00Z', '2026-03-30T18:00:00Z']);
    const tue = visitorDay(svc, '2026-03-31', 'Asia/Kolkata');
    expect(tue.slice(0, 3)).toEqual(['2026-03-30T18:30:00Z', '2026-03-30T19:00:00Z', '2026-03-30T19:30:00Z']);
  });

  it('removes breaks, applies the buffer, closed dates, minimum notice and horizon', () => {
    const svc = service({ breaks: [['12:00', '13:00']], bufferMinutes: 15, durationMinutes: 45, closed: ['2026-04-01'] });
    expect(openIntervals(svc, 1)).toEqual([[540, 720], [780, 1020]]);
    const day = visitorDay(svc, '2026-03-31', 'Europe/Luxembourg');
    expect(day).toEqual([
      '2026-03-31T07:00:00Z',
      '2026-03-31T08:00:00Z',
      '2026-03-31T09:00:00Z',
      '2026-03-31T11:00:00Z',
      '2026-03-31T12:00:00Z',
      '2026-03-31T13:00:00Z',
      '2026-03-31T14:00:00Z',
    ]);
    expect(visitorDay(svc, '2026-04-01', 'Europe/Luxembourg')).toEqual([]);
    const notice = service({ minNoticeMinutes: 120, horizonDays: 2 });
    const now = at('2026-03-31T08:30:00Z');
    expect(visitorDay(notice, '2026-03-31', 'Europe/Luxembourg', now)[0]).toBe('2026-03-31T11:00:00Z');
    expect(visitorDay(notice, '2026-04-03', 'Europe/Luxembourg', now)).toEqual([]);
    expect(isSlot(svc, at('2026-03-31T11:00:00Z'), LONG_AGO)).toBe(true);
    expect(isSlot(svc, at('2026-03-31T10:00:00Z'), LONG_AGO)).toBe(false); // the break
    expect(isSlot(svc, at('2026-03-31T07:30:00Z'), LONG_AGO)).toBe(false); // not on the grid
  });
});
