import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@consentkit/server';
import { ADMIN_KEY, appOn, consent, errorBody, onPostgres, post, start, testConfig, testDatabaseUrl } from './helpers.js';

let t = Date.parse('2030-01-01T00:00:00Z');
let base: RunningServer;
const servers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  base = await start({ now: () => new Date(t) });
  servers.push(base);
});
afterAll(async () => {
  for (const s of servers.reverse()) await s.close();
});
/** Another instance over the same database with its own config. */
async function server(over: Parameters<typeof testConfig>[0] = {}) {
  const s = await appOn(base, testConfig({ limits: { consentsPerMinute: 5 }, ...over }));
  servers.push(s);
  return s as RunningServer;
}

describe('rate limits', () => {
  it('lets N requests per window through, then answers 429 with Retry-After, per client IP behind a trusted proxy', async () => {
    const s = await server({ trustProxy: true });
    const ip = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}, 10.0.0.1` });
    const first = [];
    for (let i = 0; i < 5; i++) first.push((await post(s, '/v1/consents', consent(), ip(7))).status);
    expect(first).toEqual([201, 201, 201, 201, 201]);
    const limited = await post(s, '/v1/consents', consent(), ip(7));
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await errorBody(limited)).error).toBe('rate_limited');
    // Another client is not affected.
    expect((await post(s, '/v1/consents', consent(), ip(8))).status).toBe(201);
  });

  it('ignores X-Forwarded-For when no proxy is trusted (a client cannot dodge the limit)', async () => {
    const s = await server({ trustProxy: false });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(s, '/v1/consents', consent(), { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('with one trusted hop, believes only the address the proxy appended', async () => {
    const s = await server({ trustProxy: 1 });
    const statuses = [];
    // The client forges the left entry; the proxy appended the real one (192.0.2.9).
    for (let i = 0; i < 6; i++) statuses.push((await post(s, '/v1/consents', consent(), { 'x-forwarded-for': `1.1.1.${i}, 192.0.2.9` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('opens the window again once it has passed', async () => {
    const s = base;
    const key = `test:${crypto.randomUUID()}`;
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await s.deps.limiter.consume(key, { points: 3, durationSec: 10 }));
    expect(hits.map((h) => h.ok)).toEqual([true, true, true, false]);
    expect(hits[3]!.retryAfterSec).toBe(10);
    t += 4_000;
    expect((await s.deps.limiter.consume(key, { points: 3, durationSec: 10 })).retryAfterSec).toBe(6);
    t += 6_001;
    expect((await s.deps.limiter.consume(key, { points: 3, durationSec: 10 })).ok).toBe(true);
  });

  it(`two server instances on one ${onPostgres ? 'PostgreSQL' : 'database (PGlite; PostgreSQL when DATABASE_URL is set)'} share the limit`, async () => {
    const config = testConfig({ limits: { consentsPerMinute: 6 }, trustProxy: true });
    const a = await appOn(base, config);
    servers.push(a);
    let bUrl: string;
    if (onPostgres) {
      // A second, independent server (own pg pool, own app) on the same PostgreSQL database.
      const b = await startServer({ config, log: 'quiet', adminKey: ADMIN_KEY, databaseUrl: await testDatabaseUrl() });
      servers.push(b);
      bUrl = b.url;
    } else {
      // PGlite is owned by one process: the second instance is a second app over the same database.
      const b = await appOn(base, config);
      servers.push(b);
      bUrl = b.url;
    }
    const b = { url: bUrl } as RunningServer;
    const xff = { 'x-forwarded-for': '203.0.113.99' };
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(i % 2 ? b : (a as RunningServer), '/v1/consents', consent(), xff)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429, 429]);
  });
});
