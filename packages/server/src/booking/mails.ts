/**
 * Booking mails: the visitor's confirmation (with an .ics attachment and the cancel link) and the
 * business's notification; the same pair on cancellation. Times are written in the visitor's
 * time zone and language (Intl), and in the business's zone for the business.
 */
import { addMailStrings, mailDirection, mailT } from '../i18n.js';
import { icsFor } from './ics.js';
import { bookingMailStrings } from './locales.js';

addMailStrings('booking', bookingMailStrings);

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
  const t = mailT(b.locale, 'booking');
  const w = when(b.start, b.end, b.timezone, b.locale);
  const name = [b.fields['firstName'], b.fields['lastName']].filter(Boolean).join(' ');
  const hello = name ? t('helloName', { name }) : t('hello');
  const vars = { service: b.serviceName, site: b.siteName, when: w };
  const text = [hello, '', t('booked', vars), w, '', ...(b.cancelUrl ? [t('cancelHere'), b.cancelUrl, ''] : []), t('icsNote'), '', `— ${b.siteName}`].join('\n');
  const dir = mailDirection(b.locale);
  const html = `<div dir="${dir}"><p>${esc(hello)}</p><p>${esc(t('booked', vars))}<br><strong>${esc(w)}</strong></p>${
    b.cancelUrl ? `<p>${esc(t('cancelHere'))} <a href="${esc(b.cancelUrl)}">${esc(t('cancelLinkText'))}</a></p>` : ''
  }<p>${esc(t('icsNote'))}</p><p>— ${esc(b.siteName)}</p></div>`;
  const ics = icsFor({
    uid: `${b.id}@consentkit`,
    start: b.start,
    end: b.end,
    summary: `${b.serviceName} (${b.siteName})`,
    ...(b.cancelUrl ? { description: `${t('cancelLinkText')}: ${b.cancelUrl}` } : {}),
    now: b.now,
  });
  return {
    site: b.site,
    kind: 'booking.confirmation',
    to,
    subject: t('subjectBooked', vars),
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
  const t = mailT(b.locale, 'booking');
  const w = when(b.start, b.end, b.timezone, b.locale);
  const vars = { service: b.serviceName, site: b.siteName, when: w };
  return {
    site: b.site,
    kind: 'booking.cancelled',
    to,
    subject: t('subjectCancelled', vars),
    text: [t('cancelled', vars), '', `— ${b.siteName}`].join('\n'),
    attachments: [
      {
        filename: 'appointment.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
        content: icsFor({ uid: `${b.id}@consentkit`, start: b.start, end: b.end, summary: b.serviceName, now: b.now, method: 'CANCEL' }),
      },
    ],
  };
}
