/**
 * Booking endpoints (DESIGN.md "HTTP API"):
 *  - GET  /v1/sites/{site}/booking/services?locale=
 *  - GET  /v1/sites/{site}/booking/slots?service&from&to&tz   (free slots as instants)
 *  - POST /v1/bookings          (Idempotency-Key; capacity enforced in one transaction; 409 slot_unavailable)
 *  - POST /v1/bookings/{id}/cancel {token}
 *  - GET  /v1/bookings/{id}/cancel  the page the mail's cancel link opens (token in the fragment;
 *    a GET never cancels: the page POSTs after a visible button)
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql, type Kysely } from 'kysely';
import { localize } from '@consentkit/core';
import { BookingRequest, CancelRequest, SlotsQuery, Uuid, type BookingService, type FieldIssue } from '@consentkit/core/wire';
import type { NoticeConfig } from '../notice/config.js';
import { buildNotice, noticeLocale } from '../notice/build.js';
import type { BookingConfig, BookingServiceConfig } from './config.js';
import { mailDirection, mailLanguage, mailT } from '../i18n.js';
import { businessMail, cancellationMail, confirmationMail, type BookingFacts, type BookingMail } from './mails.js';
import type { BookingTables } from './schema.js';
import { generateSlots, isSlot } from './slots.js';
import { addDays, isTimeZone, startOfDay } from './tz.js';

export interface BookingSite {
  name?: string | undefined;
  /** Browser origins allowed to call the API for this site (a request from another origin gets 403). */
  origins?: string[] | undefined;
  booking?: BookingConfig | undefined;
  notice?: NoticeConfig | undefined;
}

export interface BookingDeps {
  db: Kysely<BookingTables>;
  /** The site's name, booking and notice config; undefined = unknown site. */
  site(id: string): BookingSite | undefined;
  mailer: { send(mail: BookingMail): Promise<unknown> };
  /** Rate limits (shared by all instances when it stores in the database); none when absent. */
  limiter?: { consume(key: string, opts: { points: number; durationSec: number }): Promise<{ allowed: boolean; retryAfterSec: number }> } | undefined;
  /** The client IP by the server's trusted-proxy rule. */
  clientIp?: ((c: Context) => string | undefined) | undefined;
  /** Public base URL of this API server (the cancel link points here). */
  publicUrl: string;
  now?: () => Date;
  onError?: (err: unknown) => void;
}

const MAX_BODY = 32 * 1024;
const MAX_RANGE_DAYS = 62;
type Status = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 429;

/** A browser request from an origin that is not this site's. */
function foreign(c: Context, site: BookingSite): Response | undefined {
  const origin = c.req.header('origin');
  if (origin && site.origins && !site.origins.includes(origin)) return fail(c, 403, 'origin_not_allowed', 'This origin may not call the API for this site');
  return undefined;
}

function fail(c: Context, status: Status, error: string, message: string, issues?: FieldIssue[]) {
  return c.json({ error, message, ...(issues ? { issues } : {}) }, status, { 'cache-control': 'no-store' });
}

function issuesOf(error: unknown): FieldIssue[] {
  const list = (error as { issues?: { path: PropertyKey[]; code: string; message: string }[] }).issues ?? [];
  return list.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), code: i.code, message: i.message === 'Invalid input' ? `invalid ${i.code}` : i.message }));
}

async function readJson(c: Context): Promise<{ ok: true; data: unknown } | { ok: false; res: Response }> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return { ok: false, res: fail(c, 415, 'unsupported_media_type', 'Send application/json') };
  try {
    return { ok: true, data: await c.req.json() };
  } catch {
    return { ok: false, res: fail(c, 400, 'invalid_json', 'The body is not valid JSON') };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const iso = (d: Date) => d.toISOString();

class SlotTaken extends Error {}

/** Services as the API shows them, in a language. */
export function publicService(s: BookingServiceConfig, lang: string): BookingService {
  const description = s.description === undefined ? undefined : localize(s.description, lang);
  return {
    id: s.id,
    name: localize(s.name, lang),
    ...(description ? { description } : {}),
    durationMinutes: s.durationMinutes,
    timezone: s.timezone,
    requiredFields: s.requiredFields,
  };
}

export function bookingRoutes(deps: BookingDeps): Hono {
  const app = new Hono();
  const db = deps.db;
  const now = deps.now ?? (() => new Date());
  const onError = deps.onError ?? ((e: unknown) => console.error('[booking]', e));
  const api = deps.publicUrl.endsWith('/') ? deps.publicUrl : `${deps.publicUrl}/`;
  const cancelUrl = (id: string, token: string) => `${new URL(`v1/bookings/${id}/cancel`, api).href}#token=${token}`;
  const bookingSite = (id: string) => {
    const s = deps.site(id);
    return s?.booking ? { ...s, booking: s.booking } : undefined;
  };
  const send = async (mail: BookingMail | undefined) => {
    if (!mail) return;
    try {
      await deps.mailer.send(mail);
    } catch (e) {
      onError(e);
    }
  };

  app.get('/v1/sites/:site/booking/services', (c) => {
    const site = bookingSite(c.req.param('site'));
    if (!site) return fail(c, 404, 'unknown_site', 'This site offers no booking');
    const bad = foreign(c, site);
    if (bad) return bad;
    const lang = noticeLocale(c.req.query('locale'));
    return c.json({ services: site.booking.services.map((s) => publicService(s, lang)) }, 200, { 'cache-control': 'no-cache' });
  });

  app.get('/v1/sites/:site/booking/slots', async (c) => {
    const site = bookingSite(c.req.param('site'));
    if (!site) return fail(c, 404, 'unknown_site', 'This site offers no booking');
    const bad = foreign(c, site);
    if (bad) return bad;
    const q = SlotsQuery.safeParse(c.req.query());
    if (!q.success) return fail(c, 400, 'validation_failed', 'Invalid query', issuesOf(q.error));
    const service = site.booking.services.find((s) => s.id === q.data.service);
    if (!service) return fail(c, 404, 'not_found', 'Unknown service', [{ path: ['service'], code: 'unknown', message: 'unknown service' }]);
    const tz = q.data.tz ?? service.timezone;
    if (!isTimeZone(tz)) return fail(c, 400, 'validation_failed', 'Unknown time zone', [{ path: ['tz'], code: 'invalid_value', message: 'unknown time zone' }]);
    const days = (Date.parse(q.data.to) - Date.parse(q.data.from)) / 86_400_000;
    if (!(days >= 0 && days < MAX_RANGE_DAYS))
      return fail(c, 400, 'validation_failed', `from..to must be 1 to ${MAX_RANGE_DAYS} days`, [{ path: ['to'], code: 'too_big', message: `at most ${MAX_RANGE_DAYS} days after from` }]);
    const from = startOfDay(q.data.from, tz);
    const to = startOfDay(addDays(q.data.to, 1), tz);
    const slots = generateSlots(service, { from, to, now: now().getTime() });
    const taken = new Map<number, number>();
    if (slots.length) {
      const rows = await db
        .selectFrom('booking_slots')
        .select(['start', 'taken'])
        .where('site', '=', c.req.param('site'))
        .where('service', '=', service.id)
        .where('start', '>=', new Date(slots[0]!.start))
        .where('start', '<=', new Date(slots.at(-1)!.start))
        .execute();
      for (const r of rows) taken.set(new Date(r.start).getTime(), r.taken);
    }
    return c.json(
      {
        service: service.id,
        timezone: tz,
        slots: slots
          .map((s) => ({ start: iso(new Date(s.start)), end: iso(new Date(s.end)), remaining: Math.max(0, service.capacity - (taken.get(s.start) ?? 0)) }))
          .filter((s) => s.remaining > 0),
      },
      200,
      { 'cache-control': 'no-store' },
    );
  });

  app.post('/v1/bookings', bodyLimit({ maxSize: MAX_BODY, onError: (c) => fail(c, 413, 'payload_too_large', 'Body too large') }), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.res;
    const parsed = BookingRequest.safeParse(body.data);
    if (!parsed.success) return fail(c, 400, 'validation_failed', 'Invalid booking', issuesOf(parsed.error));
    const req = parsed.data;
    const site = bookingSite(req.site);
    if (!site) return fail(c, 404, 'unknown_site', 'This site offers no booking');
    const bad = foreign(c, site);
    if (bad) return bad;
    const ip = deps.clientIp?.(c);
    if (ip && deps.limiter) {
      const limit = await deps.limiter.consume(`booking:ip:${req.site}:${ip}`, site.booking.limits.perIp);
      if (!limit.allowed) {
        c.header('retry-after', String(Math.max(1, Math.ceil(limit.retryAfterSec))));
        return fail(c, 429, 'rate_limited', 'Too many booking attempts; please wait');
      }
    }
    const service = site.booking.services.find((s) => s.id === req.service);
    if (!service) return fail(c, 400, 'validation_failed', 'Unknown service', [{ path: ['service'], code: 'invalid_value', message: 'unknown service' }]);
    const issues: FieldIssue[] = [];
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.fields)) if (typeof v === 'string' && v.trim()) fields[k] = v.trim();
    for (const f of service.requiredFields) if (!fields[f]) issues.push({ path: ['fields', f], code: 'required', message: 'required' });
    if (!isTimeZone(req.timezone)) issues.push({ path: ['timezone'], code: 'invalid_value', message: 'unknown time zone' });
    const notice = site.notice && buildNotice(site.notice, 'booking', noticeLocale(req.locale));
    if (notice && notice.version !== req.noticeVersion)
      issues.push({ path: ['noticeVersion'], code: 'stale_notice', message: 'the privacy notice has changed; reload it' });
    if (issues.length) return fail(c, 400, 'validation_failed', 'Invalid booking', issues);

    const start = Date.parse(req.start);
    const key = c.req.header('idempotency-key')?.slice(0, 200);
    const requestHash = sha256(JSON.stringify({ ...req, fields }));
    const replay = async () => {
      if (!key) return undefined;
      const prev = await db.selectFrom('bookings').selectAll().where('site', '=', req.site).where('idempotency_key', '=', key).executeTakeFirst();
      if (!prev) return undefined;
      if (prev.request_hash !== requestHash) return fail(c, 409, 'idempotency_conflict', 'This Idempotency-Key was used for a different booking');
      // The first answer was lost: the same booking, with a fresh cancel token (tokens are stored hashed only).
      const token = newToken();
      await db.insertInto('booking_tokens').values({ hash: sha256(token), booking_id: prev.id, created_at: now() }).execute();
      c.header('idempotent-replayed', 'true');
      return c.json({ id: prev.id, service: prev.service, start: iso(new Date(prev.start)), end: iso(new Date(prev.end)), status: prev.status, cancelToken: token }, 201);
    };
    const again = await replay();
    if (again) return again;
    if (!isSlot(service, start, now().getTime())) return fail(c, 409, 'slot_unavailable', 'This time cannot be booked (any more)');

    const id = crypto.randomUUID();
    const token = newToken();
    const end = new Date(start + service.durationMinutes * 60_000);
    const created = now();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('booking_slots')
          .values({ site: req.site, service: service.id, start: new Date(start), taken: 0 })
          .onConflict((oc) => oc.columns(['site', 'service', 'start']).doNothing())
          .execute();
        const seat = await trx
          .updateTable('booking_slots')
          .set({ taken: sql`taken + 1` })
          .where('site', '=', req.site)
          .where('service', '=', service.id)
          .where('start', '=', new Date(start))
          .where('taken', '<', service.capacity)
          .returning('taken')
          .executeTakeFirst();
        if (!seat) throw new SlotTaken();
        await trx
          .insertInto('bookings')
          .values({
            id,
            site: req.site,
            service: service.id,
            start: new Date(start),
            end,
            status: 'confirmed',
            timezone: req.timezone,
            locale: req.locale,
            notice_version: req.noticeVersion,
            email: fields['email']?.toLowerCase() ?? null,
            fields: JSON.stringify(fields),
            idempotency_key: key ?? null,
            request_hash: requestHash,
            created_at: created,
          })
          .execute();
        await trx.insertInto('booking_tokens').values({ hash: sha256(token), booking_id: id, created_at: created }).execute();
      });
    } catch (e) {
      if (e instanceof SlotTaken) return fail(c, 409, 'slot_unavailable', 'This time has just been booked by someone else');
      // Two requests with one Idempotency-Key raced: the other one stored the booking.
      if (key && /duplicate key|unique/i.test(String((e as Error).message))) {
        const again2 = await replay();
        if (again2) return again2;
      }
      throw e;
    }
    const facts: BookingFacts = {
      site: req.site,
      siteName: site.name ?? req.site,
      id,
      serviceName: localize(service.name, noticeLocale(req.locale)),
      start: new Date(start),
      end,
      timezone: req.timezone,
      locale: req.locale,
      serviceTimezone: service.timezone,
      fields,
      cancelUrl: cancelUrl(id, token),
      now: created,
    };
    await send(confirmationMail(facts));
    if (site.booking.notify) await send(businessMail(facts, site.booking.notify));
    return c.json({ id, service: service.id, start: iso(new Date(start)), end: iso(end), status: 'confirmed' as const, cancelToken: token }, 201, { 'cache-control': 'no-store' });
  });

  app.post('/v1/bookings/:id/cancel', bodyLimit({ maxSize: 4096, onError: (c) => fail(c, 413, 'payload_too_large', 'Body too large') }), async (c) => {
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return fail(c, 404, 'not_found', 'No such booking');
    const body = await readJson(c);
    if (!body.ok) return body.res;
    const parsed = CancelRequest.safeParse(body.data);
    if (!parsed.success) return fail(c, 400, 'validation_failed', 'Invalid request', issuesOf(parsed.error));
    const hash = sha256(parsed.data.token);
    const row = await db
      .selectFrom('booking_tokens')
      .innerJoin('bookings', 'bookings.id', 'booking_tokens.booking_id')
      .selectAll('bookings')
      .where('booking_tokens.hash', '=', hash)
      .where('bookings.id', '=', id.data)
      .executeTakeFirst();
    if (!row) return fail(c, 404, 'token_invalid', 'This cancel link is not valid (any more)');
    if (row.status === 'cancelled') return c.json({ id: row.id, status: 'cancelled' as const });
    if (new Date(row.start).getTime() <= now().getTime()) return fail(c, 410, 'token_expired', 'This appointment has already started');
    const done = await db.transaction().execute(async (trx) => {
      const upd = await trx
        .updateTable('bookings')
        .set({ status: 'cancelled', cancelled_at: now() })
        .where('id', '=', row.id)
        .where('status', '=', 'confirmed')
        .returning('id')
        .executeTakeFirst();
      if (!upd) return false;
      await trx
        .updateTable('booking_slots')
        .set({ taken: sql`greatest(taken - 1, 0)` })
        .where('site', '=', row.site)
        .where('service', '=', row.service)
        .where('start', '=', new Date(row.start))
        .execute();
      await trx.deleteFrom('booking_tokens').where('booking_id', '=', row.id).execute();
      return true;
    });
    if (done) {
      const site = deps.site(row.site);
      const service = site?.booking?.services.find((s) => s.id === row.service);
      const fields = typeof row.fields === 'string' ? (JSON.parse(row.fields) as Record<string, string>) : row.fields;
      const facts: BookingFacts = {
        site: row.site,
        siteName: site?.name ?? row.site,
        id: row.id,
        serviceName: service ? localize(service.name, noticeLocale(row.locale)) : row.service,
        start: new Date(row.start),
        end: new Date(row.end),
        timezone: row.timezone,
        locale: row.locale,
        serviceTimezone: service?.timezone ?? row.timezone,
        fields,
        now: now(),
      };
      await send(cancellationMail(facts));
      if (site?.booking?.notify) await send(businessMail(facts, site.booking.notify, true));
    }
    return c.json({ id: row.id, status: 'cancelled' as const }, 200, { 'cache-control': 'no-store' });
  });

  app.get('/v1/bookings/:id/cancel', (c) => {
    const id = Uuid.safeParse(c.req.param('id'));
    if (!id.success) return fail(c, 404, 'not_found', 'No such booking');
    const lang = mailLanguage(c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim());
    return c.html(cancelPage(id.data, lang), 200, {
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'",
    });
  });

  return app;
}

/** The page behind the mail's cancel link: shows a button; only the POST cancels. */
function cancelPage(id: string, lang: string): string {
  const t = mailT(lang, 'booking');
  const esc = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const js = (v: string) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="${lang}" dir="${mailDirection(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('pageTitle'))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body><main><h1>${esc(t('pageTitle'))}</h1>
<p id="msg">${esc(t('pageQuestion'))}</p>
<button type="button" id="cancel">${esc(t('pageButton'))}</button></main>
<script>
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
history.replaceState(null, '', location.pathname);
const msg = document.getElementById('msg'), btn = document.getElementById('cancel');
if (!token) { msg.textContent = ${js(t('pageIncomplete'))}; btn.hidden = true; }
btn.addEventListener('click', async () => {
  btn.disabled = true;
  try {
    const res = await fetch(${js(`/v1/bookings/${id}/cancel`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const data = await res.json().catch(() => ({}));
    msg.setAttribute('role', 'status');
    msg.textContent = res.ok ? ${js(t('pageDone'))} : (data.message || ${js(t('pageFailed'))});
    btn.hidden = res.ok;
  } catch { msg.textContent = ${js(t('pageOffline'))}; }
  btn.disabled = false;
});
</script></body></html>`;
}
