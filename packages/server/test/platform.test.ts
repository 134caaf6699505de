/** Admin subject export/erase, the mail outbox and dev mailbox, idempotency keys, retention, config, shutdown. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { createApp, createDeps, demoConfigPath, errorHandler, loadConfig, parseJson, runRetention, withIdempotency, type RunningServer } from '@consentkit/server';
import { admin, consent, errorBody, post, start, testConfig } from './helpers.js';

let t = Date.parse('2030-06-01T12:00:00Z');
let server: RunningServer;
beforeAll(async () => {
  server = await start({ now: () => new Date(t) });
});
afterAll(() => server?.close());

const unique = () => `p${crypto.randomUUID().slice(0, 8)}@Example.test`;

describe('data subject export and erase', () => {
  it('exports what is held for an address, erases it, and a second export finds nothing', async () => {
    const email = unique();
    await server.deps.mailer.send({ site: 'shop', to: email, subject: 'Hello', text: 'One', kind: 'test.one' });
    await server.deps.mailer.send({ site: 'other', to: email.toLowerCase(), subject: 'Hi', text: 'Two', kind: 'test.two' });
    await server.deps.mailer.send({ site: 'shop', to: unique(), subject: 'Not them', text: 'x', kind: 'test.other' });

    const exp = await admin(server, '/v1/admin/subjects/export', { method: 'POST', body: { email: email.toUpperCase() } });
    expect(exp.status).toBe(200);
    const data = await exp.json();
    expect(data.email).toBe(email.toUpperCase());
    expect(data.mails.map((m: { subject: string }) => m.subject)).toEqual(['Hello', 'Hi']);
    expect(Array.isArray(data.bookings) && Array.isArray(data.subscriptions)).toBe(true);

    const onlyShop = await (await admin(server, '/v1/admin/subjects/export', { method: 'POST', body: { email, site: 'shop' } })).json();
    expect(onlyShop.mails).toHaveLength(1);

    const erase = await (await admin(server, '/v1/admin/subjects/erase', { method: 'POST', body: { email } })).json();
    expect(erase.removed.mails).toBe(2);
    const again = await (await admin(server, '/v1/admin/subjects/export', { method: 'POST', body: { email } })).json();
    expect(again.mails).toEqual([]);
    expect(again.bookings).toEqual([]);
    expect(again.subscriptions).toEqual([]);
  });

  it('needs the admin key', async () => {
    const res = await post(server, '/v1/admin/subjects/erase', { email: 'a@b.test' });
    expect(res.status).toBe(401);
    expect((await errorBody(res)).error).toBe('unauthorized');
  });
});

describe('dev mailbox', () => {
  it('lists sent mails and shows one with headers, clickable links and attachments', async () => {
    const to = unique();
    const { id } = await server.deps.mailer.send({
      site: 'shop',
      to,
      subject: 'Confirm <your> subscription',
      text: 'Click https://shop.test/confirm#token=abc to confirm.',
      headers: { 'List-Unsubscribe': '<https://shop.test/unsub?token=x>' },
      attachments: [{ filename: 'booking.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
      kind: 'test.confirm',
    });
    const list = await (await fetch(`${server.url}/dev/mailbox`)).text();
    expect(list).toContain(`href="/dev/mailbox/${id}"`);
    expect(list).toContain('Confirm &lt;your&gt; subscription');
    const page = await (await fetch(`${server.url}/dev/mailbox/${id}`)).text();
    expect(page).toContain('<a href="https://shop.test/confirm#token=abc">');
    expect(page).toContain('List-Unsubscribe');
    expect(page).toContain('booking.ics');
    const ics = await fetch(`${server.url}/dev/mailbox/${id}/attachments/0`);
    expect(ics.headers.get('content-type')).toBe('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const json = await (await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(to)}`)).json();
    expect(json.mails).toHaveLength(1);
    expect(json.mails[0].text).toContain('https://shop.test/confirm#token=abc');
  });

  it('is not there in production mode', async () => {
    const prod = await appOnProd();
    try {
      expect((await fetch(`${prod.url}/dev/mailbox`)).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

async function appOnProd() {
  const { serve } = await import('@hono/node-server');
  const deps = createDeps({ ...server.deps, dev: false });
  const srv = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => srv.once('listening', ok));
  return { url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`, close: () => new Promise<void>((ok) => srv.close(() => ok())) };
}

describe('withIdempotency', () => {
  let url: string;
  let calls = 0;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { serve } = await import('@hono/node-server');
    const app = new Hono();
    app.onError(errorHandler(server.deps.log));
    app.post('/thing', (c) =>
      withIdempotency(c, server.deps, 'test', async () => {
        const body = await parseJson(c, z.object({ n: z.number() }));
        calls++;
        return c.json({ n: body.n, call: calls }, 201);
      }),
    );
    const srv = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ok) => srv.once('listening', ok));
    url = `http://127.0.0.1:${(srv.address() as { port: number }).port}/thing`;
    close = () => new Promise<void>((ok) => srv.close(() => ok()));
  });
  afterAll(() => close?.());
  const send = (key: string | undefined, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });

  it('replays the stored response for the same key and body, without running the handler again', async () => {
    const key = crypto.randomUUID();
    const first = await send(key, { n: 1 });
    const before = calls;
    const second = await send(key, { n: 1 });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(calls).toBe(before);
  });

  it('answers 409 idempotency_conflict for the same key with a different body', async () => {
    const key = crypto.randomUUID();
    await send(key, { n: 1 });
    const res = await send(key, { n: 2 });
    expect(res.status).toBe(409);
    expect((await errorBody(res)).error).toBe('idempotency_conflict');
  });

  it('stores a validation error as the answer for that key too', async () => {
    const key = crypto.randomUUID();
    const a = await send(key, { n: 'x' });
    const b = await send(key, { n: 'x' });
    expect([a.status, b.status]).toEqual([400, 400]);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
  });

  it('runs the handler once for 10 concurrent requests with one key', async () => {
    const key = crypto.randomUUID();
    const before = calls;
    const all = await Promise.all(Array.from({ length: 10 }, () => send(key, { n: 5 })));
    expect(calls - before).toBe(1);
    const statuses = all.map((r) => r.status).sort();
    // The first is handled; the others are replays, or 409 while the first was still running.
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });

  it('runs every request without a key', async () => {
    const before = calls;
    await send(undefined, { n: 1 });
    await send(undefined, { n: 1 });
    expect(calls - before).toBe(2);
  });
});

describe('retention', () => {
  it('purges consents and mails past each site’s retention, keeps the rest', async () => {
    const old = consent({ site: 'shop' });
    const fresh = consent({ site: 'shop' });
    const oldMail = unique();
    await post(server, '/v1/consents', old);
    await server.deps.mailer.send({ site: 'shop', to: oldMail, subject: 'old', text: 'x', kind: 'test.old' });
    t += 40 * 86_400_000; // mails: 30 days by default
    await post(server, '/v1/consents', fresh);
    const removed = await runRetention(server.deps);
    expect(removed['mails']).toBeGreaterThanOrEqual(1);
    expect(await server.deps.db.selectFrom('mails').select('id').where('to', '=', oldMail).execute()).toEqual([]);
    expect(await server.deps.db.selectFrom('consents').select('id').where('id', 'in', [old.id, fresh.id]).execute()).toHaveLength(2);
    t += 1826 * 86_400_000; // consents: 1825 days by default
    await runRetention(server.deps);
    expect(await server.deps.db.selectFrom('consents').select('id').where('id', 'in', [old.id, fresh.id]).execute()).toEqual([]);
  });
});

describe('config', () => {
  it('accepts the demo config', () => {
    expect(loadConfig(demoConfigPath).sites.map((s) => s.id)).toContain('demo');
  });

  it('stops with a message naming the file and every bad path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-config-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...testConfig(), publicUrl: 'nope', sites: [{ id: 'a b', name: 'x', origins: ['http://x.test/'], policyUrl: '/' }, { id: 'shop', name: 'y', origins: [], policyUrl: '/' }] }));
    expect(() => loadConfig(file)).toThrowError(new RegExp(`${file}: publicUrl: expected an http\\(s\\) URL`));
    try {
      loadConfig(file);
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain(`${file}: sites[0].id:`);
      expect(msg).toContain(`${file}: sites[0].origins[0]: expected an origin`);
      expect(msg).toContain(`${file}: sites[1].origins: `);
    }
    writeFileSync(file, '{"publicUrl": ');
    expect(() => loadConfig(file)).toThrowError(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ ...testConfig(), sites: [...(testConfig().sites as object[]), { id: 'shop', name: 'dup', origins: ['http://d.test'], policyUrl: '/' }] }));
    expect(() => loadConfig(file)).toThrowError(/sites\[2\]\.id: duplicate site id "shop"/);
  });
});

describe('health and shutdown', () => {
  it('answers /healthz, finishes a request in flight on close, then closes the database', async () => {
    const s = await start();
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    let mailed = false;
    s.deps.waitUntil(new Promise((ok) => setTimeout(ok, 200)).then(async () => {
      await s.deps.mailer.send({ site: 'shop', to: 'late@example.test', subject: 'late', text: 'x', kind: 'test.late' });
      mailed = true;
    }));
    const inFlight = post(s, '/v1/consents', consent());
    await new Promise((ok) => setTimeout(ok, 5));
    const closed = s.close();
    const res = await inFlight;
    expect(res.status).toBe(201);
    await closed;
    expect(mailed).toBe(true); // background work finished before the database closed
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });
});

describe('OpenAPI', () => {
  it('describes every /v1 endpoint with schemas derived from the wire contract', async () => {
    const doc = await (await fetch(`${server.url}/v1/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/consents', '/v1/bookings', '/v1/newsletter/subscriptions', '/v1/admin/consents']));
    const rec = doc.components.schemas.ConsentRecord;
    expect(rec.required).toEqual(expect.arrayContaining(['id', 'consentId', 'site', 'granted', 'action', 'textHash', 'pagePath', 'clientTime']));
    expect(rec.required).not.toContain('source'); // has a default
    expect(rec.properties.action.enum).toEqual(['accept_all', 'reject_all', 'custom', 'withdraw']);
    expect(doc.components.schemas.ErrorBody.required).toEqual(['error', 'message']);
  });
});

describe('PGlite data folder', () => {
  it('keeps data between runs and refuses a second server on the same folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-data-'));
    const a = await start({ dataDir: dir, databaseUrl: '' });
    const rec = consent();
    try {
      expect((await post(a, '/v1/consents', rec)).status).toBe(201);
      await expect(start({ dataDir: dir, databaseUrl: '' })).rejects.toThrow(/in use by another consentkit server/);
    } finally {
      await a.close();
    }
    const b = await start({ dataDir: dir, databaseUrl: '' });
    try {
      const log = await (await admin(b, `/v1/admin/consents?consentId=${rec.consentId}`)).json();
      expect(log.map((r: { id: string }) => r.id)).toEqual([rec.id]);
    } finally {
      await b.close();
    }
  });
});

describe('consent log filters', () => {
  it('filters the export by site and by receive time (from inclusive, to exclusive)', async () => {
    const consentId = crypto.randomUUID();
    const a = consent({ consentId, site: 'shop' });
    const b = consent({ consentId, site: 'other' });
    const c = consent({ consentId, site: 'shop' });
    const t0 = t;
    await post(server, '/v1/consents', a);
    t = t0 + 60_000;
    await post(server, '/v1/consents', b);
    t = t0 + 120_000;
    await post(server, '/v1/consents', c);
    const ids = async (q: string) => (await (await admin(server, `/v1/admin/consents?consentId=${consentId}&${q}`)).json()).map((r: { id: string }) => r.id);
    expect(await ids('site=shop')).toEqual([a.id, c.id]);
    expect(await ids('site=other')).toEqual([b.id]);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(await ids(`from=${iso(t0 + 60_000)}`)).toEqual([b.id, c.id]);
    expect(await ids(`to=${iso(t0 + 60_000)}`)).toEqual([a.id]);
    expect(await ids(`from=${iso(t0 + 1)}&to=${iso(t0 + 120_000)}&site=other`)).toEqual([b.id]);
  });
});
