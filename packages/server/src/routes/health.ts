/**
 * GET /healthz — 200 when the database answers, 503 otherwise or while shutting down (load
 * balancers poll this). GET /v1/openapi.json — the API description derived from the wire schemas.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';
import { openApiDocument } from '../openapi.js';

export function healthRoutes(deps: Deps, state: { draining: boolean } = { draining: false }): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    if (state.draining) return c.json({ status: 'draining' }, 503, { 'cache-control': 'no-store' });
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' });
    } catch {
      return c.json({ status: 'unavailable' }, 503, { 'cache-control': 'no-store' });
    }
  });
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(), 200, { 'cache-control': 'public, max-age=300' }));
  return app;
}
