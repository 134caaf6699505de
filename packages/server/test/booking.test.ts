// Booking on a real HTTP server over PGlite (PostgreSQL: booking-postgres.test.ts):
// services, slots, capacity under 50 concurrent requests, Idempotency-Key replay, validation,
// cancel with a hashed single-use token, the mails (.ics + cancel link), retention and
// data-subject hooks; and the privacy-notice endpoint with its version hash.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import {
  BookingConfig,
  bookingRoutes,
  eraseBookingSubject,
  exportBookingSubject,
  migration0002Booking,
  purgeBookings,
  type BookingMail,
  type BookingTables,
} from '../src/booking/index.js';
import { NoticeConfig, buildNotice, noticeRoutes } from '../src/notice/index.js';

const booking = BookingConfig.parse({
  notify: 'office@acme.example',
  services: [
    {
      id: 'consult',
      name: { en: 'Consultation', fr: 'Consultation' },
      durationMinutes: 60,
      timezone: 'Europe/Luxembourg',
      hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
      minNoticeMinutes: 60,
      horizonDays: 30,
      capacity: 1,
    },
    {
      id: 'workshop',
      name: { en: 'Workshop', fr: 'Atelier' },
      durationMinutes: 120,
      timezone: 'Europe/Luxembourg',
      hours: { mon: [['14:00', '16:00']] },
      capacity: 3,
      requiredFields: ['firstName', 'email', 'company'],
    },
  ],
});

const noticeConfig = NoticeConfig.parse({
  controller: { name: 'Acme SARL', address: '1 rue de la Gare, Luxembourg', email: 'privacy@acme.example' },
  dpo: { name: 'DPO', email: 'dpo@acme.example' },
  transfers: { en: 'No transfers outside the EU.', fr: 'Aucun transfert hors UE.' },
  rights: ['Access', 'Rectification', 'Erasure', 'Restriction', 'Objection', 'Portability'],
  withdrawal: 'Withdraw at any time.',
  complaint: { authority: 'CNPD', url: 'https://cnpd.public.lu' },
  automatedDecisions: 'None.',
  policyUrl: 'https://acme.example/privacy',
  purposes: {
    booking: {
      purposes: [{ description: { en: 'Handle your appointment.', fr: 'Gérer votre rendez-vous.' }, legalBasis: 'Art. 6(1)(b)' }],
      recipients: ['Hosting provider'],
      retention: '12 months',
      requirement: 'Fields with * are required.',
    },
  },
});

let db: Kysely<BookingTables>;
let server: ServerType;
let base: string;
let clock = new Date('2026-03-01T10:00:00Z');
const mails: BookingMail[] = [];

const notice = () => buildNotice(noticeConfig, 'booking', 'en')!;
const MONDAY_9 = '2026-03-02T08:00:00.000Z'; // 09:00 in Luxembourg (CET)

function body(over: Record<string, unknown> = {}) {
  return {
    site: 'demo',
    service: 'consult',
    start: MONDAY_9,
    timezone: 'America/New_York',
    locale: 'en',
    noticeVersion: notice().version,
    fields: { firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', subject: 'Engines', message: 'Hello' },
    ...over,
  };
}

async function post(path: string, data: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(data) });
  return { status: res.status, headers: res.headers, json: (await res.json().catch(() => undefined)) as any };
}
const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any, res };
};

beforeAll(async () => {
  db = new Kysely<BookingTables>({ dialect: new PGliteDialect(new PGlite()) });
  await migration0002Booking.up(db);
  const sites = { demo: { name: 'Acme', origins: ['https://www.acme.example'], booking, notice: noticeConfig } } as Record<
    string,
    { name: string; origins: string[]; booking: typeof booking; notice: typeof noticeConfig }
  >;
  const app = new Hono();
  const deps = { site: (id: string) => sites[id] };
  app.route('/', noticeRoutes(deps));
  app.route(
    '/',
    bookingRoutes({
      db,
      ...deps,
      mailer: { send: async (m) => void mails.push(m) },
      publicUrl: 'https://api.acme.example',
      now: () => clock,
    }),
  );
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.destroy();
});

beforeEach(async () => {
  clock = new Date('2026-03-01T10:00:00Z');
  mails.length = 0;
  await sql`delete from booking_tokens`.execute(db);
  await sql`delete from bookings`.execute(db);
  await sql`delete from booking_slots`.execute(db);
});

describe('booking API (PGlite)', () => {
  it('lists the services in the visitor language with their required fields', async () => {
    const fr = await get('/v1/sites/demo/booking/services?locale=fr');
    expect(fr.status).toBe(200);
    expect(fr.json.services.map((s: any) => s.name)).toEqual(['Consultation', 'Atelier']);
    expect(fr.json.services[0]).toMatchObject({ id: 'consult', durationMinutes: 60, timezone: 'Europe/Luxembourg', requiredFields: ['firstName', 'lastName', 'email', 'subject'] });
    expect((await get('/v1/sites/nope/booking/services')).status).toBe(404);
    const foreign = await fetch(`${base}/v1/sites/demo/booking/services`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const own = await fetch(`${base}/v1/sites/demo/booking/services`, { headers: { origin: 'https://www.acme.example' } });
    expect(own.status).toBe(200);
    expect((await post('/v1/bookings', body(), { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('gives free slots as instants for the visitor day, and refuses bad queries with 400', async () => {
    const ny = await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-02&to=2026-03-02&tz=America/New_York');
    expect(ny.status).toBe(200);
    // The visitor's Monday (05:00Z Mon – 05:00Z Tue): Monday 09:00–16:00 in Luxembourg.
    expect(ny.json.slots[0]).toEqual({ start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T09:00:00.000Z', remaining: 1 });
    expect(ny.json.slots).toHaveLength(8);
    expect(ny.json.timezone).toBe('America/New_York');
    expect((await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-02&to=2026-03-02&tz=Mars/Base')).status).toBe(400);
    expect((await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-01&to=2026-06-01')).status).toBe(400);
    expect((await get('/v1/sites/demo/booking/slots?service=nope&from=2026-03-01&to=2026-03-02')).status).toBe(404);
    const bad = await get('/v1/sites/demo/booking/slots?service=consult&from=March&to=2026-03-02');
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toEqual(['from']);
  });

  it('books: 201, stores the notice version, mails the visitor (.ics, cancel link) and the business; the slot is gone', async () => {
    const r = await post('/v1/bookings', body());
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ service: 'consult', start: MONDAY_9, end: '2026-03-02T09:00:00.000Z', status: 'confirmed' });
    expect(r.json.cancelToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    expect(row.notice_version).toBe(notice().version);
    expect(row.email).toBe('ada@example.com');
    const tokens = await db.selectFrom('booking_tokens').selectAll().execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.hash).toBe(createHash('sha256').update(r.json.cancelToken).digest('hex'));
    expect(JSON.stringify(await db.selectFrom('booking_tokens').selectAll().execute())).not.toContain(r.json.cancelToken);

    const [visitor, office] = mails;
    expect(visitor!.to).toBe('Ada@Example.com');
    expect(visitor!.kind).toBe('booking.confirmation');
    // In the visitor's zone (New York: 03:00 on 2 March) and with the cancel link (token in the fragment).
    expect(visitor!.text).toContain('Monday, March 2, 2026, 3:00 AM');
    expect(visitor!.text).toContain(`https://api.acme.example/v1/bookings/${r.json.id}/cancel#token=${r.json.cancelToken}`);
    const ics = visitor!.attachments![0]!;
    expect(ics.filename).toBe('appointment.ics');
    expect(ics.content).toContain('DTSTART:20260302T080000Z\r\nDTEND:20260302T090000Z');
    expect(ics.content).toContain(`UID:${r.json.id}@consentkit`);
    expect(office!.to).toBe('office@acme.example');
    expect(office!.text).toContain('9:00 AM – 10:00 AM (Europe/Luxembourg)'); // the business's zone
    const slots = await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-02&to=2026-03-02&tz=Europe/Luxembourg');
    expect(slots.json.slots.map((s: any) => s.start)).not.toContain(MONDAY_9);
  });

  it('50 concurrent bookings of a capacity-1 slot: exactly one 201 and 49 × 409 slot_unavailable', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post('/v1/bookings', body({ fields: { firstName: `V${i}`, lastName: 'X', email: `v${i}@example.com`, subject: 's' } }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error === 'slot_unavailable')).toBe(true);
    const rows = await db.selectFrom('bookings').select('id').execute();
    expect(rows).toHaveLength(1);
    const seat = await db.selectFrom('booking_slots').selectAll().executeTakeFirstOrThrow();
    expect(seat.taken).toBe(1);
  });

  it('a capacity-3 slot takes three bookings, then says 409', async () => {
    const ws = (i: number) =>
      post('/v1/bookings', body({ service: 'workshop', start: '2026-03-02T13:00:00.000Z', fields: { firstName: `W${i}`, email: `w${i}@example.com`, company: 'C' } }));
    const statuses = (await Promise.all([0, 1, 2, 3, 4].map(ws))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409]);
  });

  it('the same submission retried with its Idempotency-Key makes one booking; the key cannot be reused for another', async () => {
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([post('/v1/bookings', body(), { 'idempotency-key': key }), post('/v1/bookings', body(), { 'idempotency-key': key })]);
    const c = await post('/v1/bookings', body(), { 'idempotency-key': key });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.json.id, b.json.id, c.json.id]).size).toBe(1);
    expect(c.headers.get('idempotent-replayed')).toBe('true');
    expect(await db.selectFrom('bookings').select('id').execute()).toHaveLength(1);
    expect(mails.filter((m) => m.kind === 'booking.confirmation')).toHaveLength(1);
    // Every token handed out cancels the booking (each is stored hashed).
    const other = await post('/v1/bookings', body({ fields: { ...body().fields, subject: 'Other' } }), { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.json.error).toBe('idempotency_conflict');
    expect((await post(`/v1/bookings/${a.json.id}/cancel`, { token: c.json.cancelToken })).status).toBe(200);
  });

  it('refuses missing required fields, a bad email, a stale notice and a time off the grid', async () => {
    const r = await post('/v1/bookings', body({ fields: { firstName: 'Ada', email: 'not-an-email' } }));
    expect(r.status).toBe(400);
    expect(r.json.issues.map((i: any) => i.path.join('.'))).toEqual(['fields.email']);
    const missing = await post('/v1/bookings', body({ fields: { firstName: ' ', email: 'a@example.com' } }));
    expect(missing.status).toBe(400);
    expect(missing.json.issues.map((i: any) => i.path.join('.'))).toEqual(['fields.firstName', 'fields.lastName', 'fields.subject']);
    expect(missing.json.issues[0].code).toBe('required');
    const stale = await post('/v1/bookings', body({ noticeVersion: 'ab'.repeat(32) }));
    expect(stale.status).toBe(400);
    expect(stale.json.issues[0].path).toEqual(['noticeVersion']);
    expect((await post('/v1/bookings', body({ start: '2026-03-02T08:30:00.000Z' }))).status).toBe(409);
    expect((await post('/v1/bookings', body({ start: '2026-03-01T10:30:00.000Z' }))).status).toBe(409); // a Sunday, and too soon
    const notJson = await fetch(base + '/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const huge = await post('/v1/bookings', body({ fields: { ...body().fields, message: 'x'.repeat(40_000) } }));
    expect(huge.status).toBe(413);
    expect(await db.selectFrom('bookings').select('id').execute()).toHaveLength(0);
  });

  it('cancels with its token only (single use), frees the slot, mails both sides; the GET page never cancels', async () => {
    const r = await post('/v1/bookings', body());
    const id = r.json.id;
    const page = await get(`/v1/bookings/${id}/cancel`);
    expect(page.status).toBe(200);
    expect(page.res.headers.get('content-type')).toContain('text/html');
    expect((await db.selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status).toBe('confirmed');
    expect((await post(`/v1/bookings/${id}/cancel`, { token: 'A'.repeat(43) })).status).toBe(404);
    mails.length = 0;
    const ok = await post(`/v1/bookings/${id}/cancel`, { token: r.json.cancelToken });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ id, status: 'cancelled' });
    expect(mails.map((m) => m.kind).sort()).toEqual(['booking.cancelled', 'booking.cancelled-business']);
    expect((await post(`/v1/bookings/${id}/cancel`, { token: r.json.cancelToken })).status).toBe(404);
    const slots = await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-02&to=2026-03-02&tz=Europe/Luxembourg');
    expect(slots.json.slots[0].start).toBe(MONDAY_9);
    expect((await post('/v1/bookings', body())).status).toBe(201);
  });

  it('writes the visitor mail and the cancel page in their language', async () => {
    const fr = buildNotice(noticeConfig, 'booking', 'fr')!;
    const r = await post('/v1/bookings', body({ locale: 'fr-LU', timezone: 'Europe/Paris', noticeVersion: fr.version }));
    expect(r.status).toBe(201);
    const mail = mails.find((m) => m.kind === 'booking.confirmation')!;
    expect(mail.subject).toBe('Rendez-vous confirmé : Consultation, lundi 2 mars 2026, 9:00 – 10:00 (Europe/Paris)');
    expect(mail.text).toContain('Si vous ne pouvez pas venir, annulez-le ici :');
    const page = await fetch(`${base}/v1/bookings/${r.json.id}/cancel`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    const html = await page.text();
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain('Annuler le rendez-vous');
    expect(html).not.toContain(r.json.cancelToken);
  });

  it('a past appointment cannot be cancelled (410)', async () => {
    const r = await post('/v1/bookings', body());
    clock = new Date('2026-03-02T08:30:00Z');
    const late = await post(`/v1/bookings/${r.json.id}/cancel`, { token: r.json.cancelToken });
    expect(late.status).toBe(410);
    expect(late.json.error).toBe('token_expired');
  });

  it('exports and erases a data subject, and purges bookings past their retention', async () => {
    await post('/v1/bookings', body());
    const exported = await exportBookingSubject(db, 'ada@example.com');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ service: 'consult', notice_version: notice().version, fields: { lastName: 'Lovelace' } });
    expect(exported[0]).not.toHaveProperty('request_hash');
    expect(await eraseBookingSubject(db, 'ADA@example.com')).toBe(1);
    expect(await exportBookingSubject(db, 'ada@example.com')).toEqual([]);
    expect((await get('/v1/sites/demo/booking/slots?service=consult&from=2026-03-02&to=2026-03-02&tz=Europe/Luxembourg')).json.slots[0].start).toBe(MONDAY_9);
    await post('/v1/bookings', body());
    expect(await purgeBookings(db, [{ id: 'demo', retentionDays: 30 }], new Date('2026-03-20T00:00:00Z'))).toBe(0);
    expect(await purgeBookings(db, [{ id: 'demo', retentionDays: 30 }], new Date('2026-04-02T00:00:00Z'))).toBe(1);
  });
});

describe('privacy-notice API', () => {
  it('serves every Art. 13 item for the purpose and language, with a stable version that changes with the text', async () => {
    const en = await get('/v1/sites/demo/privacy-notice?purpose=booking&locale=en');
    expect(en.status).toBe(200);
    expect(en.json).toMatchObject({
      purpose: 'booking',
      locale: 'en',
      controller: { name: 'Acme SARL', email: 'privacy@acme.example' },
      dpo: { email: 'dpo@acme.example' },
      purposes: [{ description: 'Handle your appointment.', legalBasis: 'Art. 6(1)(b)' }],
      recipients: ['Hosting provider'],
      transfers: 'No transfers outside the EU.',
      retention: '12 months',
      withdrawal: 'Withdraw at any time.',
      complaint: { authority: 'CNPD' },
      requirement: 'Fields with * are required.',
      automatedDecisions: 'None.',
    });
    expect(en.json.rights).toHaveLength(6);
    expect(en.json.version).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('/v1/sites/demo/privacy-notice?purpose=booking&locale=en')).json.version).toBe(en.json.version);
    const fr = await get('/v1/sites/demo/privacy-notice?purpose=booking&locale=fr-LU');
    expect(fr.json.purposes[0].description).toBe('Gérer votre rendez-vous.');
    expect(fr.json.version).not.toBe(en.json.version);
    const changed = buildNotice({ ...noticeConfig, automatedDecisions: 'None at all.' }, 'booking', 'en')!;
    expect(changed.version).not.toBe(en.json.version);
    expect((await get('/v1/sites/demo/privacy-notice?purpose=newsletter')).status).toBe(404);
    expect((await get('/v1/sites/demo/privacy-notice?purpose=spam')).status).toBe(400);
  });
});
