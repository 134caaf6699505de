/**
 * The `booking` section of a site in the server config: services, opening hours, capacity.
 * Validated with the same zod objects as everything else (zod/mini, as in core's wire.ts).
 */
import * as z from 'zod/mini';
import { BookingField, Email, Id, LocalDate, TimeZone } from '@consentkit/core/wire';
import { isTimeZone } from './tz.js';

/** A string, or one per language (`{ "en": "…", "fr": "…" }`). */
export const LocalizedText = z.union([z.string(), z.record(z.string(), z.string())]);
const HHMM = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time HH:MM'));
/** `["09:00", "12:30"]`: from, to (wall-clock time in the service's time zone). */
export const TimeRange = z.tuple([HHMM, HHMM]).check(
  z.refine(([a, b]) => minutesOf(a) < minutesOf(b), 'expected the end after the start'),
);
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const Weekday = z.enum(WEEKDAYS);

export const BookingServiceConfig = z.strictObject({
  id: Id,
  name: LocalizedText,
  description: z.optional(LocalizedText),
  durationMinutes: z.number().check(z.int(), z.minimum(5), z.maximum(24 * 60)),
  /** The business's IANA time zone; opening hours are wall-clock times in it. */
  timezone: TimeZone.check(z.refine(isTimeZone, 'unknown time zone')),
  /** Weekly opening hours: `{ "mon": [["09:00","12:00"],["13:00","17:00"]], … }`. */
  hours: z.partialRecord(Weekday, z.array(TimeRange)),
  /** Daily breaks removed from the opening hours. */
  breaks: z._default(z.array(TimeRange), []),
  /** Free time kept after each appointment. */
  bufferMinutes: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  /** Distance between slot starts; default: duration + buffer. */
  slotIntervalMinutes: z.optional(z.number().check(z.int(), z.minimum(5))),
  /** How long before its start a slot can still be booked. */
  minNoticeMinutes: z._default(z.number().check(z.int(), z.nonnegative()), 120),
  /** How far ahead slots are offered. */
  horizonDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(366)), 60),
  /** Bookings per slot. */
  capacity: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(1000)), 1),
  /** Holidays and other closed dates (in the service's time zone). */
  closed: z._default(z.array(LocalDate), []),
  /** Fields the visitor must fill in (the form's asterisks follow this). */
  requiredFields: z._default(z.array(BookingField), ['firstName', 'lastName', 'email', 'subject']),
});
export type BookingServiceConfig = z.infer<typeof BookingServiceConfig>;

const Limit = z.strictObject({ points: z.number().check(z.int(), z.positive()), durationSec: z.number().check(z.int(), z.positive()) });

export const BookingConfig = z.strictObject({
  services: z.array(BookingServiceConfig),
  /** Booking attempts (201 and 409 alike) per client IP per window; more get 429 with Retry-After. */
  limits: z._default(z.strictObject({ perIp: z._default(Limit, { points: 30, durationSec: 600 }) }), { perIp: { points: 30, durationSec: 600 } }),
  /** Where the business is told about new and cancelled bookings. */
  notify: z.optional(Email),
});
export type BookingConfig = z.infer<typeof BookingConfig>;

/** `"09:30"` → 570 */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
