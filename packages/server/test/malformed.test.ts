/**
 * Bad input never gets a 5xx: a generated set of malformed requests (bad JSON, wrong types,
 * bad formats, missing fields, oversized bodies, wrong media type, unknown site, wrong origin,
 * unknown paths, bad query strings) must all get a 4xx in the documented error shape.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '@consentkit/server';
import { ADMIN_KEY, consent, errorBody, OTHER_ORIGIN, start } from './helpers.js';

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server?.close());

interface Case {
  name: string;
  method?: string;
  path?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** When set, the response's field issues must name this path. */
  issuePath?: (string | number)[];
  status?: number;
}

function cases(): Case[] {
  const out: Case[] = [];
  const base = consent();
  const json = (v: unknown, extra: Partial<Case> = {}): Case => ({ name: JSON.stringify(v).slice(0, 80), body: JSON.stringify(v), ...extra });

  // 1. Not JSON at all (30)
  const notJson = ['', '{', '}', '[', '{"id":}', "{'id':1}", 'nul', 'undefined', '{"a":1,}', '{"a" 1}', '\u0000', 'NaN', '--', '<xml/>', 'id=1&site=shop', '{"a":"\\x"}', '[1,2', '{"a":[}', '"unterminated', '{{}}', '01', '{"a":01}', '+1', '.5', '{"a":1}{"b":2}', '\uFEFF{', 'tru', 'Infinity', '{"a":-}', '{,}'];
  for (const body of notJson) out.push({ name: `not JSON ${JSON.stringify(body)}`, body, status: 400 });

  // 2. JSON that is not an object (8)
  for (const v of [1, 'x', [], [base], null, true, false, 0]) out.push(json(v, { status: 400 }));

  // 3. Each required field missing (13)
  for (const key of Object.keys(base).filter((k) => k !== 'source')) {
    const { [key]: _drop, ...rest } = base as Record<string, unknown>;
    out.push(json(rest, { name: `missing ${key}`, issuePath: [key], status: 400 }));
  }

  // 4. Wrong types for every field (14 fields × 6 values = 84, minus the few that are valid)
  const wrong: unknown[] = [123, 'text', null, [], {}, true];
  for (const key of Object.keys(base)) {
    for (const v of wrong) {
      const ok =
        (typeof v === 'string' && ['clientTime', 'pagePath', 'textHash', 'locale', 'consentId', 'id', 'site', 'action', 'source'].includes(key) && false) ||
        (Array.isArray(v) && ['granted', 'denied'].includes(key)) ||
        (typeof v === 'boolean' && key === 'gpc') ||
        (typeof v === 'number' && key === 'revision') ||
        (v === 'text' && key === 'site');
      if (ok) continue;
      out.push(json({ ...base, [key]: v }, { name: `${key} = ${JSON.stringify(v)}`, issuePath: [key], status: 400 }));
    }
  }

  // 5. Bad formats and ranges (30)
  const bad: [string, unknown][] = [
    ['id', 'not-a-uuid'], ['id', ''], ['id', 'x'.repeat(5000)], ['consentId', '1234'], ['site', 'has space'], ['site', '-lead'], ['site', 'x'.repeat(65)],
    ['revision', -1], ['revision', 1.5], ['revision', 1e400], ['action', 'maybe'], ['action', 'ACCEPT_ALL'], ['source', 'spam'],
    ['granted', [1]], ['granted', ['ok', 'bad id']], ['granted', Array.from({ length: 201 }, (_, i) => `c${i}`)], ['denied', [null]],
    ['services', 'all'], ['services', [{}]], ['locale', 'english'], ['locale', ''], ['locale', 'EN'],
    ['textHash', 'xyz'], ['textHash', 'ABCDEF12'], ['textHash', 'a'.repeat(65)],
    ['pagePath', 'relative'], ['pagePath', '/search?q=me@example.com'], ['pagePath', '/#frag'], ['clientTime', 'yesterday'], ['clientTime', '2024-13-45'],
  ];
  for (const [key, v] of bad) out.push(json({ ...base, [key]: v }, { name: `${key} = ${JSON.stringify(v).slice(0, 40)}`, issuePath: [key], status: 400 }));

  // 6. Oversized bodies (8): declared length, and streamed without a length
  for (const kb of [17, 64, 256, 1024]) out.push({ name: `${kb} KiB body`, body: JSON.stringify({ ...base, pad: 'x'.repeat(kb * 1024) }), status: 413 });
  for (const kb of [17, 64, 256, 1024]) {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let n = 0;
    const stream = new ReadableStream({ pull(ctl) { n++ < kb ? ctl.enqueue(chunk) : ctl.close(); } });
    out.push({ name: `${kb} KiB streamed body`, body: stream, status: 413 });
  }

  // 7. Wrong media type (6)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json', 'image/png'])
    out.push({ name: `content-type ${type}`, body: JSON.stringify(base), headers: { 'content-type': type }, status: 415 });

  // 8. Unknown site, wrong origin (8)
  for (const site of ['nope', 'shop2', 'SHOP', 'other-site']) out.push(json({ ...base, site }, { name: `unknown site ${site}`, status: 404 }));
  for (const origin of ['http://evil.test', 'https://shop.test', 'http://shop.test:8080', OTHER_ORIGIN]) out.push(json(base, { name: `origin ${origin}`, headers: { origin }, status: 403 }));

  // 9. Unknown endpoints and wrong methods (10)
  for (const path of ['/v1', '/v1/', '/v1/consent', '/v1/consents/x', '/v1/unknown', '/v1/admin', '/v1/sites', '/v1/admin/..%2f..%2fetc', '/v1/sites/shop/nothing'])
    out.push({ name: `POST ${path}`, path, body: JSON.stringify(base), status: path.startsWith('/v1/admin') ? undefined : 404 });
  out.push({ name: 'GET /v1/consents', method: 'GET', status: 404 });
  out.push({ name: 'DELETE /v1/consents', method: 'DELETE', status: 404 });

  // 10. Admin API with bad input (12)
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  for (const q of ['format=xml', 'from=yesterday', 'to=1', 'site=has%20space', 'consentId=nope', 'format=']) out.push({ name: `admin query ${q}`, method: 'GET', path: `/v1/admin/consents?${q}`, headers: auth, status: 400 });
  for (const body of ['{', '{}', '{"email":"nope"}', '{"email":1}', '{"email":"a@b.test","site":"bad site"}'])
    out.push({ name: `admin export ${body}`, path: '/v1/admin/subjects/export', body, headers: auth, status: 400 });
  out.push({ name: 'admin erase without key', path: '/v1/admin/subjects/erase', body: '{"email":"a@b.test"}', status: 401 });

  // 11. Instants that match the pattern but are not real times (3)
  for (const q of ['to=2024-01-01T25:00Z', 'from=2024-02-30T00:00:00Z', 'from=2024-01-01T10:61:00%2B02:00'])
    out.push({ name: `admin query ${q}`, method: 'GET', path: `/v1/admin/consents?${q}`, headers: auth, status: 400 });
  return out;
}

it('answers 4xx in the documented shape to every malformed request, never a 5xx', async () => {
  const all = cases();
  expect(all.length).toBeGreaterThanOrEqual(200);
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  for (const c of all) {
    let res: Response;
    try {
      res = await fetch(server.url + (c.path ?? '/v1/consents'), {
        method: c.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...c.headers },
        ...(c.method === 'GET' || c.method === 'DELETE' || c.body === undefined ? {} : { body: c.body, duplex: 'half' }),
      } as RequestInit);
    } catch (err) {
      throw new Error(`${c.name}: ${(err as Error).message}`);
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const where = `${c.name} → ${res.status}`;
    if (res.status >= 500) failures.push(`5xx: ${where}`);
    else if (res.status < 400) failures.push(`not an error: ${where}`);
    else if (c.status && res.status !== c.status) failures.push(`expected ${c.status}: ${where}`);
    if (res.status >= 400) {
      try {
        const body = await errorBody(res);
        if (c.issuePath && !body.issues?.some((i) => JSON.stringify(i.path.slice(0, c.issuePath!.length)) === JSON.stringify(c.issuePath)))
          failures.push(`issues do not name ${c.issuePath.join('.')}: ${where} ${JSON.stringify(body)}`);
      } catch (err) {
        failures.push(`shape: ${where}: ${(err as Error).message}`);
      }
    } else await res.body?.cancel();
  }
  expect(failures).toEqual([]);
  expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
  // Nothing malformed reached the log.
  const stored = await server.deps.db.selectFrom('consents').select('id').where('id', '=', consent().id).execute();
  expect(stored).toEqual([]);
  console.log(`${all.length} malformed requests:`, statuses);
});
