import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '@consentkit/server';
import { admin, consent, errorBody, ORIGIN, OTHER_ORIGIN, post, start } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server?.close());

describe('POST /v1/consents', () => {
  it('stores a record replayed 10 times exactly once, and the admin export returns it', async () => {
    const rec = consent();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await post(server, '/v1/consents', rec, { origin: ORIGIN }));
    expect(answers.map((r) => r.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200]);
    const receipts = await Promise.all(answers.map((r) => r.json()));
    expect(new Set(receipts.map((r) => r.receivedAt)).size).toBe(1);
    expect(receipts[0].id).toBe(rec.id);

    const rows = await server.deps.db.selectFrom('consents').selectAll().where('id', '=', rec.id).execute();
    expect(rows).toHaveLength(1);

    const res = await admin(server, `/v1/admin/consents?consentId=${rec.consentId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const log = await res.json();
    expect(log).toEqual([{ ...rec, receivedAt: receipts[0].receivedAt }]);
  });

  it('stamps the server receive time, not the client time', async () => {
    const rec = consent({ clientTime: '2001-01-01T00:00:00Z' });
    const before = Date.now();
    const { receivedAt } = await (await post(server, '/v1/consents', rec)).json();
    expect(Date.parse(receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(receivedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers 409 when the same record id comes with a different body, and keeps the first', async () => {
    const rec = consent();
    expect((await post(server, '/v1/consents', rec)).status).toBe(201);
    const res = await post(server, '/v1/consents', { ...rec, granted: ['necessary'] });
    expect(res.status).toBe(409);
    expect((await errorBody(res)).error).toBe('conflict');
    const log = await (await admin(server, `/v1/admin/consents?consentId=${rec.consentId}`)).json();
    expect(log.map((r: { granted: string[] }) => r.granted)).toEqual([['necessary', 'analytics']]);
  });

  it('appends a withdrawal after a grant: both stay in the log, in order', async () => {
    const consentId = crypto.randomUUID();
    await post(server, '/v1/consents', consent({ consentId, action: 'accept_all' }));
    await post(server, '/v1/consents', consent({ consentId, action: 'withdraw', source: 'withdrawal', granted: ['necessary'], denied: ['analytics', 'marketing'] }));
    const log = await (await admin(server, `/v1/admin/consents?consentId=${consentId}`)).json();
    expect(log.map((r: { action: string }) => r.action)).toEqual(['accept_all', 'withdraw']);
  });

  it('allows each site only its own origins (CORS), preflight included', async () => {
    const ok = await fetch(server.url + '/v1/consents', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/content-type/);

    const evil = await fetch(server.url + '/v1/consents', { method: 'OPTIONS', headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    const good = await post(server, '/v1/consents', consent(), { origin: ORIGIN });
    expect(good.status).toBe(201);
    expect(good.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    // Errors carry the CORS header too, so the page can read the field issues.
    const invalid = await post(server, '/v1/consents', { ...consent(), granted: 'all' }, { origin: ORIGIN });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    // An origin allowed for another site cannot write this site's log.
    const cross = await post(server, '/v1/consents', consent({ site: 'shop' }), { origin: OTHER_ORIGIN });
    expect(cross.status).toBe(403);
    expect((await errorBody(cross)).error).toBe('origin_not_allowed');
  });

  it('answers 404 unknown_site for a site that is not configured', async () => {
    const res = await post(server, '/v1/consents', consent({ site: 'nope' }));
    expect(res.status).toBe(404);
    expect((await errorBody(res)).error).toBe('unknown_site');
  });
});

describe('GET /v1/admin/consents', () => {
  it('streams CSV with a header row and one line per record', async () => {
    const consentId = crypto.randomUUID();
    const a = consent({ consentId });
    const b = consent({ consentId, pagePath: '/a "quoted", page', action: 'reject_all', granted: ['necessary'] });
    await post(server, '/v1/consents', a);
    await post(server, '/v1/consents', b);
    const res = await admin(server, `/v1/admin/consents?consentId=${consentId}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,consentId,site,revision,action,source,granted,denied,services,gpc,locale,textHash,pagePath,clientTime,receivedAt');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${a.id},${consentId},shop,3,custom,banner,necessary analytics,marketing,,false,fr-FR`);
    expect(lines[2]).toContain('"/a ""quoted"", page"');
  });

  it('pages through more records than one batch, in order, as valid JSON', async () => {
    const consentId = crypto.randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 520; i++) ids.push(crypto.randomUUID());
    // Straight into the table: 520 HTTP round trips would only slow the test.
    await server.deps.db
      .insertInto('consents')
      .values(ids.map((id) => ({ id, consent_id: consentId, site: 'shop', revision: 1, granted: '[]', denied: '[]', services: 'null', action: 'reject_all', source: 'banner', gpc: true, locale: 'en', text_hash: 'abcdef12', page_path: '/', client_time: new Date().toISOString(), received_at: new Date(), body_hash: 'x' })))
      .execute();
    const log = await (await admin(server, `/v1/admin/consents?consentId=${consentId}`)).json();
    expect(log.map((r: { id: string }) => r.id)).toEqual(ids);
  });

  it('refuses without the admin key', async () => {
    const none = await fetch(server.url + '/v1/admin/consents');
    expect(none.status).toBe(401);
    expect((await errorBody(none)).error).toBe('unauthorized');
    const wrong = await fetch(server.url + '/v1/admin/consents', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });
});
