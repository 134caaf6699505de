/**
 * Slot generation: opening hours (wall-clock, in the service's zone) → instants, DST-correct.
 * Pure: no database, no clock (the caller passes `now`).
 */
import type { BookingServiceConfig } from './config.js';
import { WEEKDAYS, minutesOf } from './config.js';
import { addDays, localDate, weekday, zonedInstant } from './tz.js';

export interface SlotTime {
  start: number;
  end: number;
}

type Interval = [number, number];

/** Opening intervals of one weekday minus the daily breaks, in minutes after midnight. */
export function openIntervals(service: BookingServiceConfig, day: number): Interval[] {
  let open: Interval[] = (service.hours[WEEKDAYS[day]!] ?? []).map(([a, b]) => [minutesOf(a), minutesOf(b)]);
  for (const [ba, bb] of service.breaks.map(([a, b]) => [minutesOf(a), minutesOf(b)] as Interval)) {
    open = open.flatMap(([a, b]): Interval[] => {
      if (bb <= a || ba >= b) return [[a, b]];
      const out: Interval[] = [];
      if (ba > a) out.push([a, ba]);
      if (bb < b) out.push([bb, b]);
      return out;
    });
  }
  return open;
}

/** Every slot starting in [from, to), bookable at `now` (minimum notice, horizon), sorted. */
export function generateSlots(service: BookingServiceConfig, range: { from: number; to: number; now: number }): SlotTime[] {
  const tz = service.timezone;
  const duration = service.durationMinutes;
  const step = service.slotIntervalMinutes ?? duration + service.bufferMinutes;
  const earliest = Math.max(range.from, range.now + service.minNoticeMinutes * 60_000);
  const latest = Math.min(range.to, range.now + service.horizonDays * 86_400_000);
  const closed = new Set(service.closed);
  const out: SlotTime[] = [];
  if (earliest >= latest) return out;
  const last = localDate(latest, tz);
  for (let date = addDays(localDate(earliest, tz), -1); date <= last; date = addDays(date, 1)) {
    if (closed.has(date)) continue;
    for (const [a, b] of openIntervals(service, weekday(date))) {
      for (let t = a; t + duration <= b; t += step) {
        const start = zonedInstant(date, t, tz);
        if (start === undefined || start < earliest || start >= latest) continue;
        out.push({ start, end: start + duration * 60_000 });
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Whether `start` is one of the service's slots bookable at `now`. */
export function isSlot(service: BookingServiceConfig, start: number, now: number): boolean {
  return generateSlots(service, { from: start, to: start + 1, now }).some((s) => s.start === start);
}
