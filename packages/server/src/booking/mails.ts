/**
 * Booking mails: the visitor's confirmation (with an .ics attachment and the cancel link) and the
 * business's notification; the same pair on cancellation. Times are written in the visitor's
 * time zone and language (Intl), and in the business's zone for the business.
 */
import { icsFor } from './ics.js';

export interface BookingMail {
  site: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface BookingFacts {
  site: string;
  siteName: string;
  id: string;
  serviceName: string;
  start: Date;
  end: Date;
  /** Visitor's zone and language. */
  timezone: string;
  locale: string;
  /** Business's zone. */
  serviceTimezone: string;
  fields: Record<string, string>;
  cancelUrl?: string;
  now: Date;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function when(start: Date, end: Date, tz: string, locale: string): string {
  let lang = locale;
  try {
    new Intl.DateTimeFormat(lang);
  } catch {
    lang = 'en';
  }
  const day = new Intl.DateTimeFormat(lang, { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(start);
  const time = (d: Date) => new Intl.DateTimeFormat(lang, { timeZone: tz, hour: 'numeric', minute: '2-digit' }).format(d);
  return `${day}, ${time(start)} – ${time(end)} (${tz.replace(/_/g, ' ')})`;
}

export function confirmationMail(b: BookingFacts): BookingMail | undefined {
  const to = b.fields['email'];
  if (!to) return undefined;
  const w = when(b.start, b.end, b.timezone, b.locale);
  const name = [b.fields['firstName'], b.fields['lastName']].filter(Boolean).join(' ');
  const text = [
    `Hello${name ? ` ${name}` : ''},`,
    '',
    `your appointment "${b.serviceName}" with ${b.siteName} is booked:`,
    w,
    '',
    ...(b.cancelUrl ? ['If you cannot come, cancel it here:', b.cancelUrl, ''] : []),
    'The attached calendar file adds it to your calendar.',
    '',
    `— ${b.siteName}`,
  ].join('\n');
  const html = `<p>Hello${name ? ` ${esc(name)}` : ''},</p><p>your appointment “${esc(b.serviceName)}” with ${esc(b.siteName)} is booked:<br><strong>${esc(w)}</strong></p>${
    b.cancelUrl ? `<p>If you cannot come, <a href="${esc(b.cancelUrl)}">cancel the appointment</a>.</p>` : ''
  }<p>— ${esc(b.siteName)}</p>`;
  const ics = icsFor({
    uid: `${b.id}@consentkit`,
    start: b.start,
    end: b.end,
    summary: `${b.serviceName} (${b.siteName})`,
    ...(b.cancelUrl ? { description: `Cancel: ${b.cancelUrl}` } : {}),
    now: b.now,
  });
  return {
    site: b.site,
    kind: 'booking.confirmation',
    to,
    subject: `Appointment booked: ${b.serviceName}, ${w}`,
    text,
    html,
    attachments: [{ filename: 'appointment.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }],
  };
}

export function businessMail(b: BookingFacts, to: string, cancelled = false): BookingMail {
  const w = when(b.start, b.end, b.serviceTimezone, 'en');
  const lines = Object.entries(b.fields).map(([k, v]) => `${k}: ${v}`);
  return {
    site: b.site,
    kind: cancelled ? 'booking.cancelled-business' : 'booking.notification',
    to,
    subject: `${cancelled ? 'Cancelled' : 'New booking'}: ${b.serviceName}, ${w}`,
    text: [`${cancelled ? 'A booking was cancelled' : 'New booking'} (${b.id})`, `${b.serviceName}: ${w}`, `Visitor's time zone: ${b.timezone}`, '', ...lines].join('\n'),
  };
}

export function cancellationMail(b: BookingFacts): BookingMail | undefined {
  const to = b.fields['email'];
  if (!to) return undefined;
  const w = when(b.start, b.end, b.timezone, b.locale);
  return {
    site: b.site,
    kind: 'booking.cancelled',
    to,
    subject: `Appointment cancelled: ${b.serviceName}, ${w}`,
    text: [`Your appointment "${b.serviceName}" with ${b.siteName} on ${w} is cancelled.`, '', `— ${b.siteName}`].join('\n'),
    attachments: [
      {
        filename: 'appointment.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
        content: icsFor({ uid: `${b.id}@consentkit`, start: b.start, end: b.end, summary: b.serviceName, now: b.now, method: 'CANCEL' }),
      },
    ],
  };
}
