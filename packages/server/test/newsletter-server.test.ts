// The double opt-in on the REAL reference server (startServer: full app with CORS, body limit,
// request log, DB rate limiter, mailer + outbox, admin subject API, retention), over HTTP.
// PGlite in memory, or the PostgreSQL in DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '@consentkit/server';
import { runRetention } from '@consentkit/server';
import type { Kysely } from 'kysely';
import type { NewsletterTables } from '../src/newsletter/schema.js';
import { ORIGIN, admin, errorBody, post, start, testConfig } from './helpers.js';

type Mail = { kind: string; to: string; subject: string; text: string; headers: Record<string, string> };
let server: RunningServer;
let clock = new Date('2026-05-04T08:00:00Z');
let ip = 0;
/** Typed on this package's sources (the package's `types` export may point at an older build). */
const db = () => server.deps.db as unknown as Kysely<NewsletterTables>;

beforeAll(async () => {
  const base = testConfig();
  server = await start({
    now: () => clock,
    config: {
      ...base,
      trustProxy: true,
      sites: base.sites.map((s) =>
        s.id === 'shop'
          ? {
              ...s,
              newsletter: {
                lists: [{ id: 'news', name: 'Shop news' }, { id: 'deals', name: 'Deals' }],
                storeIp: true,
                limits: { perEmail: { points: 2, durationSec: 600 }, perIp: { points: 4, durationSec: 600 } },
              },
            }
          : s,
      ),
    },
  });
}, 60_000); // PGlite start + migrations can take long on a busy machine
afterAll(() => server?.close());

const body = (email: string, over: Record<string, unknown> = {}) => ({
  site: 'shop',
  list: 'news',
  email,
  consent: true,
  consentTextHash: 'ab12'.repeat(16),
  formId: 'footer',
  formVersion: '7',
  locale: 'de',
  pagePath: '/de/blog',
  ...over,
});
/** Each call from its own client IP (X-Forwarded-For is trusted in this config) unless given one. */
const subscribe = (email: string, over: Record<string, unknown> = {}, from = `10.0.0.${++ip}`) =>
  post(server, '/v1/newsletter/subscriptions', body(email, over), { origin: ORIGIN, 'x-forwarded-for': from });
async function mailsTo(to: string): Promise<Mail[]> {
  await server.deps.settled();
  const res = await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { mails: Mail[] }).mails.reverse();
}
const tokenOf = (mail: Mail, page: string) => new RegExp(`${page}\\.html#token=([A-Za-z0-9_-]+)`).exec(mail.text)![1]!;
const confirm = (token: string) => post(server, '/v1/newsletter/confirm', { token }, { origin: ORIGIN });

describe('newsletter on the reference server', () => {
  it('byte-identical answers (status, every header but Date, body) for new, pending, confirmed and unsubscribed addresses', async () => {
    await subscribe('p@shop.test');
    await subscribe('c@shop.test');
    expect((await confirm(tokenOf((await mailsTo('c@shop.test'))[0]!, 'newsletter-confirm'))).status).toBe(200);
    await subscribe('u@shop.test');
    expect((await confirm(tokenOf((await mailsTo('u@shop.test'))[0]!, 'newsletter-confirm'))).status).toBe(200);
    const welcome = (await mailsTo('u@shop.test')).find((m) => m.kind === 'newsletter.welcome')!;
    expect((await post(server, '/v1/newsletter/unsubscribe', { token: tokenOf(welcome, 'newsletter-unsubscribe') }, { origin: ORIGIN })).status).toBe(200);

    const seen = [];
    for (const email of ['n@shop.test', 'p@shop.test', 'c@shop.test', 'u@shop.test']) {
      const res = await subscribe(email, {}, '10.9.9.9');
      seen.push({ status: res.status, headers: [...res.headers].filter(([k]) => k !== 'date'), body: await res.text() });
    }
    expect(seen[0]!.status).toBe(202);
    expect(seen[0]!.body).toBe('{"status":"pending"}');
    for (const s of seen.slice(1)) expect(s).toEqual(seen[0]);
  });

  it('N+1 attempts for one address within the window → N mails (N = 2, limits stored in the database)', async () => {
    for (let i = 0; i < 3; i++) expect((await subscribe('flood@shop.test')).status).toBe(202);
    expect((await mailsTo('flood@shop.test')).filter((m) => m.kind === 'newsletter.confirm')).toHaveLength(2);
  });

  it('per-IP limit: the 5th request from one IP gets 429 with Retry-After in the error shape', async () => {
    const from = '192.0.2.200';
    for (let i = 0; i < 4; i++) expect((await subscribe(`ip${i}@shop.test`, {}, from)).status).toBe(202);
    const res = await subscribe('ip-last@shop.test', {}, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorBody(res)).error).toBe('rate_limited');
  });

  it('a retried submission (same Idempotency-Key) is answered from the store and sends no second mail', async () => {
    const headers = { origin: ORIGIN, 'x-forwarded-for': '10.7.7.7', 'idempotency-key': 'retry-1' };
    const first = await post(server, '/v1/newsletter/subscriptions', body('retry@shop.test'), headers);
    const again = await post(server, '/v1/newsletter/subscriptions', body('retry@shop.test'), headers);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(await again.text()).toBe('{"status":"pending"}');
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await mailsTo('retry@shop.test')).toHaveLength(1);
  });

  it('honeypot: the same 202 and no mail', async () => {
    const res = await subscribe('bot@shop.test', { website: 'buy-pills.example' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('{"status":"pending"}');
    expect(await mailsTo('bot@shop.test')).toEqual([]);
  });

  it('confirm: a GET leaves it pending; POST confirms only the list asked for; reuse rejected; IP via the trusted proxy in the proof', async () => {
    await subscribe('lists@shop.test', { list: 'deals' }, '203.0.113.9, 10.0.0.1');
    const token = tokenOf((await mailsTo('lists@shop.test'))[0]!, 'newsletter-confirm');
    expect((await fetch(`${server.url}/v1/newsletter/confirm?token=${token}`)).status).toBe(404);
    const rows = () => db().selectFrom('newsletter_subscriptions').selectAll().where('email', '=', 'lists@shop.test').execute();
    expect(await rows()).toEqual([]);
    const ok = await confirm(token);
    expect(await ok.json()).toEqual({ status: 'confirmed', lists: ['deals'] });
    expect((await rows()).map((r) => r.list)).toEqual(['deals']);
    expect((await errorBody(await confirm(token))).error).toBe('token_invalid');
    const proof = await db().selectFrom('newsletter_requests').selectAll().where('email', '=', 'lists@shop.test').executeTakeFirstOrThrow();
    expect(proof).toMatchObject({ ip: '203.0.113.9', locale: 'de', page_path: '/de/blog', form_id: 'footer', form_version: '7' });
  });

  it('expired (after 48 h) → 410 token_expired', async () => {
    await subscribe('late@shop.test');
    const token = tokenOf((await mailsTo('late@shop.test'))[0]!, 'newsletter-confirm');
    const saved = clock;
    clock = new Date(saved.getTime() + 48 * 3600_000 + 1);
    try {
      const res = await confirm(token);
      expect(res.status).toBe(410);
      expect((await errorBody(res)).error).toBe('token_expired');
    } finally {
      clock = saved;
    }
  });

  it('RFC 8058: the List-Unsubscribe URL of the confirmation mail takes the one-click POST with no login and no Origin', async () => {
    await subscribe('oc@shop.test');
    const [mail] = await mailsTo('oc@shop.test');
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const target = new URL(/^<(.+)>$/.exec(mail!.headers['List-Unsubscribe']!)![1]!);
    const res = await fetch(`${server.url}${target.pathname}${target.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    // The pending request is over: its confirmation link no longer works.
    expect((await confirm(tokenOf(mail!, 'newsletter-confirm'))).status).toBe(404);
  });

  it('admin subject API exports and erases the subscriptions; retention purges stale pending requests', async () => {
    await subscribe('subject@shop.test');
    await confirm(tokenOf((await mailsTo('subject@shop.test'))[0]!, 'newsletter-confirm'));
    const exported = (await (await admin(server, '/v1/admin/subjects/export', { method: 'POST', body: { email: 'Subject@shop.test' } })).json()) as { subscriptions: Record<string, unknown>[] };
    expect(exported.subscriptions.map((r) => r['kind']).sort()).toEqual(['request', 'subscription']);
    const erased = (await (await admin(server, '/v1/admin/subjects/erase', { method: 'POST', body: { email: 'subject@shop.test' } })).json()) as { removed: Record<string, number> };
    expect(erased.removed['subscriptions']).toBe(2);

    await subscribe('stale@shop.test');
    await server.deps.settled(); // the request is stored after the 202, in the background
    const saved = clock;
    clock = new Date(saved.getTime() + 73 * 3600_000); // the default pendingSubscriptionHours is 72
    try {
      const removed = await runRetention(server.deps);
      expect(removed['newsletterRequests']).toBeGreaterThanOrEqual(1);
    } finally {
      clock = saved;
    }
    expect(await db().selectFrom('newsletter_requests').selectAll().where('email', '=', 'stale@shop.test').execute()).toEqual([]);
  });
});
