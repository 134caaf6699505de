/**
 * POST /v1/consents — the append-only consent log (proof of consent, GDPR 7(1)).
 * Idempotent on the record id: a replay answers the first receipt and stores nothing; the same
 * id with a different body is 409 `conflict`. The server stamps `receivedAt`. Withdrawals are
 * records like any other (`action: "withdraw"`): nothing is ever updated or deleted here.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { ConsentRecord, type ConsentReceipt } from '@consentkit/core/wire';
import type { Deps } from '../deps.js';
import { ApiError, parseJson, requireSite } from '../http.js';
import { enforceLimit } from '../ratelimit.js';

/** JSON with sorted keys (a stable hash of a parsed value). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function consentRoutes(deps: Deps): Hono {
  const app = new Hono();
  const { db, config } = deps;
  app.post('/v1/consents', async (c) => {
    await enforceLimit(deps.limiter, `consents:${deps.clientIp(c) ?? 'unknown'}`, { points: config.limits.consentsPerMinute, durationSec: 60 });
    const rec = await parseJson(c, ConsentRecord);
    requireSite(c, config, rec.site);
    const bodyHash = createHash('sha256').update(canonicalJson(rec)).digest('hex');
    const inserted = await db
      .insertInto('consents')
      .values({
        id: rec.id.toLowerCase(),
        consent_id: rec.consentId.toLowerCase(),
        site: rec.site,
        revision: rec.revision,
        granted: JSON.stringify(rec.granted),
        denied: JSON.stringify(rec.denied),
        services: JSON.stringify(rec.services ?? null),
        action: rec.action,
        source: rec.source,
        gpc: rec.gpc,
        locale: rec.locale,
        text_hash: rec.textHash,
        page_path: rec.pagePath,
        client_time: rec.clientTime,
        received_at: deps.now(),
        body_hash: bodyHash,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['id', 'received_at'])
      .executeTakeFirst();
    if (inserted) {
      const receipt: ConsentReceipt = { id: inserted.id, receivedAt: new Date(inserted.received_at).toISOString() };
      return c.json(receipt, 201, { 'cache-control': 'no-store' });
    }
    const prior = await db.selectFrom('consents').select(['id', 'received_at', 'body_hash']).where('id', '=', rec.id.toLowerCase()).executeTakeFirstOrThrow();
    if (prior.body_hash !== bodyHash) throw new ApiError(409, 'conflict', 'A different consent record with this id exists');
    const receipt: ConsentReceipt = { id: prior.id, receivedAt: new Date(prior.received_at).toISOString() };
    return c.json(receipt, 200, { 'cache-control': 'no-store' });
  });
  return app;
}
