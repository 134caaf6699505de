// Double opt-in on a real HTTP server over PGlite: enumeration-proof answers, token rules,
// rate limits, honeypot, RFC 8058 one-click unsubscribe, proof of consent, retention.
// Mails are rendered by nodemailer (stream transport) so the real headers are checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { serve, type ServerType } from '@hono/node-server';
import nodemailer from 'nodemailer';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AddressInfo } from 'node:net';
import {
  NewsletterConfig,
  eraseNewsletterSubject,
  exportNewsletterSubject,
  migration0003Newsletter,
  newsletterRoutes,
  purgeNewsletter,
  type NewsletterMail,
  type NewsletterRoutes,
  type NewsletterTables,
} from '../src/newsletter/index.js';

const HASH = 'c0ffee'.repeat(10) + 'c0ff';
const cfg = NewsletterConfig.parse({
  lists: [
    { id: 'news', name: 'Monthly news' },
    { id: 'offers', name: 'Offers' },
  ],
  storeIp: true,
  limits: { perEmail: { points: 2, durationSec: 3600 }, perIp: { points: 12, durationSec: 3600 } },
});

let db: Kysely<NewsletterTables>;
let server: ServerType;
let base: string;
let routes: NewsletterRoutes;
let clock = new Date('2026-03-01T10:00:00Z');
const mails: { mail: NewsletterMail; raw: string }[] = [];
const limiters = new Map<string, RateLimiterMemory>();
let ipCounter = 0;

const render = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

beforeAll(async () => {
  db = new Kysely<NewsletterTables>({ dialect: new PGliteDialect(new PGlite()) });
  await migration0003Newsletter.up(db);
  routes = newsletterRoutes({
    db,
    site: (id) => (id === 'demo' ? { name: 'Demo Shop', newsletter: cfg } : undefined),
    mailer: {
      async send(mail) {
        const info = await render.sendMail({ from: 'news@demo.example', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
        // Unfold header lines (RFC 5322 2.2.3) so assertions see each header on one line.
        mails.push({ mail, raw: (info.message as Buffer).toString('utf8').replace(/\n[ \t]+/g, ' ') });
      },
    },
    limiter: {
      async consume(key, { points, durationSec }) {
        const id = `${points}/${durationSec}`;
        if (!limiters.has(id)) limiters.set(id, new RateLimiterMemory({ points, duration: durationSec }));
        try {
          await limiters.get(id)!.consume(key);
          return { allowed: true, retryAfterSec: 0 };
        } catch (e) {
          if (e instanceof RateLimiterRes) return { allowed: false, retryAfterSec: e.msBeforeNext / 1000 };
          throw e;
        }
      },
    },
    clientIp: (c) => c.req.header('x-test-client-ip'),
    publicUrl: 'https://api.demo.example',
    pagesUrl: 'https://www.demo.example/examples/',
    now: () => clock,
  });
  server = serve({ fetch: routes.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000); // PGlite start + migrations can take long on a busy machine
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await db.destroy();
});
beforeEach(() => {
  clock = new Date('2026-03-01T10:00:00Z');
  limiters.clear();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-client-ip': `198.51.100.${++ipCounter % 250}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const subscription = (email: string, over: Record<string, unknown> = {}) => ({
  site: 'demo',
  list: 'news',
  email,
  consent: true,
  consentTextHash: HASH,
  noticeVersion: 'ab'.repeat(32),
  formId: 'footer-form',
  formVersion: '3',
  locale: 'fr',
  pagePath: '/blog/hello',
  ...over,
});
async function subscribe(email: string, over: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await post('/v1/newsletter/subscriptions', subscription(email, over), headers);
  await routes.settled();
  return res;
}
const mailsTo = (email: string) => mails.filter((m) => m.mail.to === email);
const lastMailTo = (email: string) => mailsTo(email).at(-1)!;
const tokenIn = (text: string, page: string) => new RegExp(`${page}\\.html#token=([A-Za-z0-9_-]+)`).exec(text)![1]!;
const confirmToken = (email: string) => tokenIn(lastMailTo(email).mail.text, 'newsletter-confirm');
const unsubscribeToken = (email: string) => tokenIn(lastMailTo(email).mail.text, 'newsletter-unsubscribe');
const state = (email: string, list = 'news') =>
  db.selectFrom('newsletter_subscriptions').selectAll().where('email', '=', email).where('list', '=', list).executeTakeFirst();

async function snapshot(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== 'date');
  return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()).toString('hex') };
}

describe('POST /v1/newsletter/subscriptions', () => {
  it('answers byte-identically for a new, pending, confirmed and unsubscribed address', async () => {
    await subscribe('pending@example.org');
    await subscribe('confirmed@example.org');
    expect((await post('/v1/newsletter/confirm', { token: confirmToken('confirmed@example.org') })).status).toBe(200);
    await subscribe('gone@example.org');
    expect((await post('/v1/newsletter/confirm', { token: confirmToken('gone@example.org') })).status).toBe(200);
    await routes.settled();
    expect((await post('/v1/newsletter/unsubscribe', { token: unsubscribeToken('gone@example.org') })).status).toBe(200);
    expect((await state('gone@example.org'))!.status).toBe('unsubscribed');
    expect((await state('confirmed@example.org'))!.status).toBe('confirmed');

    const answers = [];
    for (const email of ['new@example.org', 'pending@example.org', 'confirmed@example.org', 'gone@example.org']) {
      answers.push(await snapshot(await post('/v1/newsletter/subscriptions', subscription(email))));
    }
    await routes.settled();
    expect(answers[0]!.status).toBe(202);
    expect(JSON.parse(Buffer.from(answers[0]!.body, 'hex').toString())).toEqual({ status: 'pending' });
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });

  it('sends a confirmation mail with only the address from the form, the list name, and RFC 8058 headers', async () => {
    const before = mails.length;
    const res = await subscribe(' Ada.Mail@Example.org ', { formId: 'zz-form-marker', pagePath: '/zz-path-marker', formVersion: 'zz9' });
    expect(res.status).toBe(202);
    expect(mails.length).toBe(before + 1);
    const { mail, raw } = lastMailTo('ada.mail@example.org');
    expect(mail.kind).toBe('newsletter.confirm');
    // In the visitor's language (the request said fr); the list name comes from the config.
    expect(mail.subject).toBe('Confirmez votre inscription à Monthly news');
    expect(mail.text).toContain('appuyez sur « Confirmer l’inscription » sur la page');
    expect(mail.html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(raw).not.toMatch(/zz-form-marker|zz-path-marker|zz9|footer-form/);
    expect(mail.text).toMatch(/^https:\/\/www\.demo\.example\/examples\/newsletter-confirm\.html#token=[A-Za-z0-9_-]{43}$/m);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/api\.demo\.example\/v1\/newsletter\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // Only hashes are stored: the token itself is nowhere in the database.
    const token = confirmToken('ada.mail@example.org');
    const rows = await db.selectFrom('newsletter_tokens').select('hash').execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('honeypot filled: the same 202, nothing stored and no mail (JSON API)', async () => {
    const before = mails.length;
    const res = await subscribe('bot@example.org', { website: 'http://spam.example' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'pending' });
    expect(mails.length).toBe(before);
    expect(await db.selectFrom('newsletter_requests').selectAll().where('email', '=', 'bot@example.org').execute()).toEqual([]);
  });

  it('N+1 attempts for one address inside the window produce at most N mails (N = 2)', async () => {
    for (let i = 0; i < 3; i++) expect((await subscribe('flood@example.org')).status).toBe(202);
    expect(mailsTo('flood@example.org')).toHaveLength(2);
    clock = new Date(clock.getTime() + 2 * 3600_000);
    limiters.clear(); // the window passed (the memory limiter keeps its own clock)
    await subscribe('flood@example.org');
    expect(mailsTo('flood@example.org')).toHaveLength(3);
  });

  it('per-IP limit: 429 with Retry-After beyond the allowance', async () => {
    const ip = { 'x-test-client-ip': '203.0.113.7' };
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await subscribe(`ip${i}@example.org`, {}, ip)).status);
    expect(statuses.slice(0, 12).every((s) => s === 202)).toBe(true);
    const res = await post('/v1/newsletter/subscriptions', subscription('ip-last@example.org'), ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error).toBe('rate_limited');
  });

  it('refuses bad input with 400/413/415 and field issues, never a 5xx', async () => {
    const bad = await post('/v1/newsletter/subscriptions', subscription('not-an-address', { consent: false }));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error).toBe('validation_failed');
    expect(body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['consent', 'email']);
    const list = await post('/v1/newsletter/subscriptions', subscription('a@example.org', { list: 'nope' }));
    expect(list.status).toBe(400);
    expect((await list.json()).issues[0].path).toEqual(['list']);
    expect((await post('/v1/newsletter/subscriptions', '{"site":')).status).toBe(400);
    expect((await post('/v1/newsletter/subscriptions', subscription('a@example.org'), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/v1/newsletter/subscriptions', subscription('a@example.org', { website: 'x'.repeat(20_000) }))).status).toBe(413);
    expect((await post('/v1/newsletter/subscriptions', subscription('a@example.org', { site: 'other' }))).status).toBe(404);
  });
});

describe('confirmation', () => {
  it('a GET never confirms; the POST confirms only the requested list and stores the full proof', async () => {
    await subscribe('proof@example.org', {}, { 'x-test-client-ip': '192.0.2.44' });
    const token = confirmToken('proof@example.org');
    for (const url of [`/v1/newsletter/confirm?token=${token}`, `/v1/newsletter/confirm/${token}`]) {
      const res = await fetch(base + url);
      expect(res.status).toBe(404);
    }
    expect(await state('proof@example.org')).toBeUndefined();
    clock = new Date('2026-03-01T12:30:00Z');
    const res = await post('/v1/newsletter/confirm', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'confirmed', lists: ['news'] });
    expect((await state('proof@example.org'))!.status).toBe('confirmed');
    expect(await state('proof@example.org', 'offers')).toBeUndefined();
    const proof = await db.selectFrom('newsletter_requests').selectAll().where('email', '=', 'proof@example.org').executeTakeFirstOrThrow();
    expect(proof).toMatchObject({
      site: 'demo',
      list: 'news',
      status: 'confirmed',
      form_id: 'footer-form',
      form_version: '3',
      consent_text_hash: HASH,
      notice_version: 'ab'.repeat(32),
      locale: 'fr',
      page_path: '/blog/hello',
      ip: '192.0.2.44',
    });
    expect(new Date(proof.requested_at).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(new Date(proof.confirmed_at!).toISOString()).toBe('2026-03-01T12:30:00.000Z');
    await routes.settled();
    expect(lastMailTo('proof@example.org').mail.kind).toBe('newsletter.welcome');
    expect(lastMailTo('proof@example.org').raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  });

  it('a reused token is rejected; an expired one answers 410', async () => {
    await subscribe('reuse@example.org');
    const token = confirmToken('reuse@example.org');
    expect((await post('/v1/newsletter/confirm', { token })).status).toBe(200);
    const again = await post('/v1/newsletter/confirm', { token });
    expect(again.status).toBe(404);
    expect((await again.json()).error).toBe('token_invalid');

    await subscribe('late@example.org');
    clock = new Date(clock.getTime() + 48 * 3600_000 + 1000);
    const late = await post('/v1/newsletter/confirm', { token: confirmToken('late@example.org') });
    expect(late.status).toBe(410);
    expect((await late.json()).error).toBe('token_expired');
    expect(await state('late@example.org')).toBeUndefined();
    // Asking again works and the new link confirms.
    await subscribe('late@example.org');
    expect((await post('/v1/newsletter/confirm', { token: confirmToken('late@example.org') })).status).toBe(200);
  });

  it("A's token confirms A only; an unsubscribe token is not a confirm token; unknown tokens are rejected", async () => {
    await subscribe('a@example.org');
    await subscribe('b@example.org');
    const res = await post('/v1/newsletter/confirm', { token: confirmToken('a@example.org') });
    expect(res.status).toBe(200);
    expect((await state('a@example.org'))!.status).toBe('confirmed');
    expect(await state('b@example.org')).toBeUndefined();
    expect((await post('/v1/newsletter/confirm', { token: unsubscribeToken('b@example.org') })).status).toBe(404);
    expect((await post('/v1/newsletter/confirm', { token: 'A'.repeat(43) })).status).toBe(404);
    expect((await post('/v1/newsletter/confirm', { token: 'short' })).status).toBe(400);
  });

  it('a public submission never changes a confirmed subscriber: no new request, no mail, same proof', async () => {
    await subscribe('kept@example.org');
    await post('/v1/newsletter/confirm', { token: confirmToken('kept@example.org') });
    await routes.settled();
    const before = await state('kept@example.org');
    const mailCount = mailsTo('kept@example.org').length;
    const res = await subscribe('kept@example.org', { locale: 'de', formId: 'attacker', pagePath: '/evil' });
    expect(res.status).toBe(202);
    expect(await state('kept@example.org')).toEqual(before);
    expect(mailsTo('kept@example.org')).toHaveLength(mailCount);
    const requests = await db.selectFrom('newsletter_requests').select('form_id').where('email', '=', 'kept@example.org').execute();
    expect(requests).toEqual([{ form_id: 'footer-form' }]);
  });
});

describe('unsubscribe', () => {
  it('RFC 8058 one-click POST from the mail header works without login; repeating it is harmless', async () => {
    await subscribe('oneclick@example.org');
    await post('/v1/newsletter/confirm', { token: confirmToken('oneclick@example.org') });
    await routes.settled();
    const header = /^List-Unsubscribe: <([^>]+)>$/m.exec(lastMailTo('oneclick@example.org').raw)![1]!;
    const url = new URL(header);
    expect(url.origin).toBe('https://api.demo.example');
    const oneClick = () =>
      fetch(`${base}${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const res = await oneClick();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'unsubscribed' });
    const row = await state('oneclick@example.org');
    expect(row!.status).toBe('unsubscribed');
    expect(new Date(row!.unsubscribed_at!).toISOString()).toBe(clock.toISOString());
    expect((await oneClick()).status).toBe(200);
    // A GET (a mail scanner following the URL) changes nothing and a bare form POST is refused.
    expect((await fetch(`${base}${url.pathname}${url.search}`)).status).toBe(404);
    const bare = await fetch(`${base}${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    expect(bare.status).toBe(400);
  });

  it("the confirmation mail's unsubscribe link ends the pending request and kills its confirm link", async () => {
    await subscribe('notme@example.org');
    const confirm = confirmToken('notme@example.org');
    expect((await post('/v1/newsletter/unsubscribe', { token: unsubscribeToken('notme@example.org') })).status).toBe(200);
    expect((await post('/v1/newsletter/confirm', { token: confirm })).status).toBe(404);
    expect(await state('notme@example.org')).toBeUndefined();
  });
});

describe('retention and data-subject hooks', () => {
  it('purges pending requests after the retention period, keeps confirmed proof', async () => {
    clock = new Date('2026-01-01T00:00:00Z');
    await subscribe('old-pending@example.org');
    await subscribe('old-confirmed@example.org');
    await post('/v1/newsletter/confirm', { token: confirmToken('old-confirmed@example.org') });
    await routes.settled();
    const removed = await purgeNewsletter(db, [['demo', 72]], new Date('2026-01-20T00:00:00Z'));
    expect(removed.newsletterRequests).toBeGreaterThanOrEqual(1);
    const left = await db.selectFrom('newsletter_requests').select(['email', 'status']).where('email', 'in', ['old-pending@example.org', 'old-confirmed@example.org']).execute();
    expect(left).toEqual([{ email: 'old-confirmed@example.org', status: 'confirmed' }]);
  });

  it('exports and erases everything about one address', async () => {
    await subscribe('subject@example.org');
    await post('/v1/newsletter/confirm', { token: confirmToken('subject@example.org') });
    await routes.settled();
    const exported = await exportNewsletterSubject(db, 'Subject@Example.org');
    expect(exported.map((r) => r['kind']).sort()).toEqual(['request', 'subscription']);
    expect(await eraseNewsletterSubject(db, 'subject@example.org')).toBe(2);
    expect(await exportNewsletterSubject(db, 'subject@example.org')).toEqual([]);
    expect(await db.selectFrom('newsletter_tokens').selectAll().where('email', '=', 'subject@example.org').execute()).toEqual([]);
  });
});
