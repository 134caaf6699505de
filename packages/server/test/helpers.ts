/**
 * Test helpers: the REAL server (HTTP on 127.0.0.1) on an in-memory PGlite per test file, or on
 * the PostgreSQL in DATABASE_URL when set: then each test file gets its own fresh schema
 * (search_path), so files running in parallel do not see each other's rows or rate limits.
 */
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer, type StartOptions, type ServerConfigInput } from '@consentkit/server';

export const ADMIN_KEY = 'test-admin-key';
export const ORIGIN = 'http://shop.test';
export const OTHER_ORIGIN = 'http://other.test';

export function testConfig(over: Partial<ServerConfigInput> = {}): ServerConfigInput {
  return {
    publicUrl: 'http://127.0.0.1:8787',
    mail: { from: 'Test <no-reply@shop.test>' },
    limits: { bodyBytes: 16 * 1024, consentsPerMinute: 100_000 },
    sites: [
      { id: 'shop', name: 'Shop', origins: [ORIGIN], policyUrl: '/privacy' },
      { id: 'other', name: 'Other', origins: [OTHER_ORIGIN], policyUrl: '/privacy' },
    ],
    ...over,
  };
}

export const onPostgres = !!process.env['DATABASE_URL'];
let schemaUrl: Promise<string> | undefined;

/** DATABASE_URL pointing at a fresh schema for this test file (undefined: PGlite in memory). */
export function testDatabaseUrl(): Promise<string | undefined> {
  const url = process.env['DATABASE_URL'];
  if (!url) return Promise.resolve(undefined);
  schemaUrl ??= (async () => {
    const { default: pg } = await import('pg');
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
  })();
  return schemaUrl;
}

export async function start(opts: StartOptions = {}): Promise<RunningServer> {
  const databaseUrl = await testDatabaseUrl();
  return startServer({ config: testConfig(), log: 'quiet', adminKey: ADMIN_KEY, dev: true, databaseUrl, ...opts });
}

export function consent(over: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    consentId: randomUUID(),
    site: 'shop',
    revision: 3,
    granted: ['necessary', 'analytics'],
    denied: ['marketing'],
    action: 'custom',
    source: 'banner',
    gpc: false,
    locale: 'fr-FR',
    textHash: 'abcdef0123456789',
    pagePath: '/products/1',
    clientTime: new Date().toISOString(),
    ...over,
  };
}

export function post(server: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function admin(server: RunningServer, path: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(server.url + path, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** A response body in the documented error shape, checked. */
export async function errorBody(res: Response): Promise<{ error: string; message: string; issues?: { path: (string | number)[]; code: string; message: string }[] }> {
  const text = await res.text();
  const body = JSON.parse(text);
  if (typeof body.error !== 'string' || typeof body.message !== 'string') throw new Error(`not the error shape: ${text}`);
  if (body.issues !== undefined && !Array.isArray(body.issues)) throw new Error(`issues not an array: ${text}`);
  const extra = Object.keys(body).filter((k) => !['error', 'message', 'issues'].includes(k));
  if (extra.length) throw new Error(`unexpected keys ${extra.join(',')}: ${text}`);
  return body;
}

/**
 * A second HTTP server (own app, own config, own limiter and mailer) over the SAME database as
 * `base`: another instance, without paying for another PGlite start.
 */
export async function appOn(base: RunningServer, config: ServerConfigInput): Promise<{ url: string; close(): Promise<void> }> {
  const { createApp, createDeps, createMailer, dbRateLimiter, parseServerConfig, quietLogger } = await import('@consentkit/server');
  const { serve } = await import('@hono/node-server');
  const cfg = parseServerConfig(config);
  const log = quietLogger();
  const now = base.deps.now;
  const deps = createDeps({ db: base.deps.db, config: cfg, log, now, dev: true, adminKey: ADMIN_KEY, limiter: dbRateLimiter(base.deps.db, now), mailer: createMailer({ db: base.deps.db, config: cfg, log, now }) });
  const srv = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => srv.once('listening', ok));
  return {
    url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`,
    close: () => new Promise<void>((ok) => srv.close(() => ok())),
  };
}
