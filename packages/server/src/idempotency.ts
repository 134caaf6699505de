/**
 * Idempotency keys stored with their responses (Stripe-style). `withIdempotency` wraps a handler:
 *  - no `Idempotency-Key` header → the handler runs as is;
 *  - first use of a key → a placeholder row is claimed, the handler runs, its response (< 500,
 *    not 429) is stored; on a 5xx/429/throw the claim is released so a retry can run again;
 *  - the same key and the same body again → the stored response, with `idempotency-replayed: true`;
 *  - the same key with a different body → 409 `idempotency_conflict`;
 *  - the same key while the first request is still running → 409 `conflict` (retry later).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Deps } from './deps.js';
import { ApiError } from './http.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

export async function withIdempotency(c: Context, deps: Pick<Deps, 'db' | 'now'>, scope: string, handler: () => Promise<Response>): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return handler();
  if (!KEY.test(key)) throw new ApiError(400, 'validation_failed', 'Idempotency-Key must be 1–200 visible ASCII characters', [{ path: ['Idempotency-Key'], code: 'invalid_format', message: 'expected 1–200 visible ASCII characters' }]);
  let raw = '';
  try {
    raw = await c.req.text();
  } catch {
    raw = '';
  }
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(raw).digest('hex');
  const { db } = deps;
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: requestHash, status: 0, body: null, content_type: null, created_at: deps.now() })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const prior = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!prior) return withIdempotency(c, deps, scope, handler); // released meanwhile: claim again
    if (prior.request_hash !== requestHash)
      throw new ApiError(409, 'idempotency_conflict', 'This Idempotency-Key was used for a different request');
    if (prior.status === 0) throw new ApiError(409, 'conflict', 'The first request with this Idempotency-Key is still being handled; retry shortly', undefined, { 'retry-after': '1' });
    return new Response(prior.body, {
      status: prior.status,
      headers: { 'content-type': prior.content_type ?? 'application/json', 'idempotency-replayed': 'true', 'cache-control': 'no-store' },
    });
  }
  const release = () => db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
  let res: Response;
  try {
    res = await handler();
  } catch (err) {
    // ApiErrors (4xx) are answers too: store them like any other response.
    if (err instanceof ApiError && err.status < 500 && err.status !== 429) {
      const body = JSON.stringify({ error: err.code, message: err.message, ...(err.issues?.length ? { issues: err.issues } : {}) });
      await db.updateTable('idempotency_keys').set({ status: err.status, body, content_type: 'application/json' }).where('scope', '=', scope).where('key', '=', key).execute();
    } else {
      await release().catch(() => {});
    }
    throw err;
  }
  if (res.status >= 500 || res.status === 429) {
    await release();
    return res;
  }
  const body = await res.clone().text();
  await db
    .updateTable('idempotency_keys')
    .set({ status: res.status, body, content_type: res.headers.get('content-type') })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
  return res;
}
