// Booking through the whole server (startServer: CORS, body limits, mailer outbox, dev mailbox,
// admin subject API, retention) — on PGlite, or on the PostgreSQL in DATABASE_URL when set.
// The race: 50 concurrent bookings of a capacity-1 slot → exactly 1 × 201 and 49 × 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer, ServerConfigInput } from '@consentkit/server';
import { runRetention } from '@consentkit/server';
import { ORIGIN, admin, onPostgres, post, start, testConfig } from './helpers.js';

let server: RunningServer;
let clock = new Date('2026-03-01T10:00:00Z');
const START = '2026-03-02T08:00:00.000Z'; // Monday 09:00 in Luxembourg

const site = {
  id: 'shop',
  name: 'Shop',
  origins: [ORIGIN],
  policyUrl: '/privacy',
  booking: {
    notify: 'office@shop.test',
    limits: { perIp: { points: 52, durationSec: 600 } },
    services: [{ id: 'call', name: 'Call', durationMinutes: 30, timezone: 'Europe/Luxembourg', hours: { mon: [['09:00', '12:00']] }, capacity: 1, minNoticeMinutes: 0 }],
  },
  notice: {
    controller: { name: 'Shop SA' },
    transfers: 'None.',
    rights: ['Access'],
    withdrawal: 'Any time.',
    complaint: { authority: 'CNPD' },
    automatedDecisions: 'None.',
    policyUrl: '/privacy',
    purposes: { booking: { purposes: [{ description: 'Appointments', legalBasis: '6(1)(b)' }], retention: '1 year', requirement: '* required' } },
  },
} as ServerConfigInput['sites'][number];

beforeAll(async () => {
  server = await start({ config: testConfig({ sites: [site] }), now: () => clock, dev: true });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function version(): Promise<string> {
  const res = await fetch(`${server.url}/v1/sites/shop/privacy-notice?purpose=booking&locale=en`, { headers: { origin: ORIGIN } });
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  return ((await res.json()) as { version: string }).version;
}
const booking = (v: string, i: number) => ({
  site: 'shop',
  service: 'call',
  start: START,
  timezone: 'Asia/Kolkata',
  locale: 'en',
  noticeVersion: v,
  fields: { firstName: `F${i}`, lastName: 'L', email: `v${i}@example.org`, subject: 'S' },
});

describe(`booking through the server (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('50 concurrent bookings of a capacity-1 slot: exactly 1 × 201 and 49 × 409', async () => {
    const v = await version();
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => post(server, '/v1/bookings', booking(v, i), { origin: ORIGIN })));
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const bodies = await Promise.all(res.map((r) => r.json() as Promise<{ error?: string; id?: string }>));
    expect(bodies.filter((b) => b.error === 'slot_unavailable')).toHaveLength(49);
    const winner = bodies.find((b) => b.id)!;
    // The confirmation and the business notification are in the outbox (dev mailbox).
    const box = (await (await fetch(`${server.url}/dev/mailbox.json`)).json()) as { mails: { kind: string; to: string; attachments: { filename: string }[] }[] };
    const kinds = box.mails.map((m) => m.kind).sort();
    expect(kinds).toEqual(['booking.confirmation', 'booking.notification']);
    expect(box.mails.find((m) => m.kind === 'booking.confirmation')!.attachments[0]!.filename).toBe('appointment.ics');

    // The admin subject API sees the booking, then erases it; the seat is free again.
    const who = box.mails.find((m) => m.kind === 'booking.confirmation')!.to;
    const exp = (await (await admin(server, '/v1/admin/subjects/export', { method: 'POST', body: { email: who } })).json()) as { bookings: { id: string }[] };
    expect(exp.bookings.map((b) => b.id)).toEqual([winner.id]);
    const del = (await (await admin(server, '/v1/admin/subjects/erase', { method: 'POST', body: { email: who } })).json()) as { removed: Record<string, number> };
    expect(del.removed['bookings']).toBe(1);
    const slots = await fetch(`${server.url}/v1/sites/shop/booking/slots?service=call&from=2026-03-02&to=2026-03-02&tz=Europe/Luxembourg`);
    expect(((await slots.json()) as { slots: { start: string }[] }).slots[0]!.start).toBe(START);
  });

  it('limits booking attempts per client IP (429 with Retry-After) — 52 per window, the race used 50', async () => {
    const v = await version();
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(server, '/v1/bookings', booking(v, 100 + i), { origin: ORIGIN });
      codes.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(codes).toEqual([201, 409, 429]); // 51st attempt (the seat was freed by the erasure), 52nd, 53rd
  });

  it('the retention purge removes bookings a year after the appointment', async () => {
    clock = new Date('2027-03-03T00:00:00Z'); // the booking made by the previous test ended a year ago
    const removed = await runRetention(server.deps);
    expect(removed['bookings']).toBe(1);
  });
});
