/** GET /healthz — 200 when the database answers, 503 otherwise (load balancers poll this). */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Deps } from '../deps.js';

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
  return app;
}
