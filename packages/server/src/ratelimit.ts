/**
 * Fixed-window rate limits stored in the database (one atomic upsert per hit), so every server
 * instance on the same PostgreSQL shares them. rate-limiter-flexible has no PGlite store and
 * creates its own tables outside our migrations; this is the same algorithm in one statement.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { ApiError } from './http.js';

export interface LimitOptions {
  /** Hits allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSec: number;
}

export interface LimitResult {
  ok: boolean;
  /** Same as `ok` (for callers written against rate-limiter-flexible-like names). */
  allowed: boolean;
  /** Hits left in this window. */
  remaining: number;
  /** Seconds until the window resets (0 when `ok`). */
  retryAfterSec: number;
}

export interface RateLimiter {
  /** Count one hit against `key` (e.g. `consents:ip:1.2.3.4`). */
  consume(key: string, opts: LimitOptions): Promise<LimitResult>;
}

export function dbRateLimiter(db: Kysely<Database>, now: () => Date = () => new Date()): RateLimiter {
  return {
    async consume(key, { points, durationSec }) {
      const t = now();
      const fresh = new Date(t.getTime() + durationSec * 1000);
      const { rows } = await sql<{ points: number; expires_at: Date | string }>`
        insert into rate_limits (key, points, expires_at) values (${key}, 1, ${fresh.toISOString()})
        on conflict (key) do update set
          points = case when rate_limits.expires_at <= ${t.toISOString()} then 1 else rate_limits.points + 1 end,
          expires_at = case when rate_limits.expires_at <= ${t.toISOString()} then excluded.expires_at else rate_limits.expires_at end
        returning points, expires_at`.execute(db);
      const row = rows[0]!;
      const used = Number(row.points);
      const ok = used <= points;
      const resetMs = new Date(row.expires_at).getTime() - t.getTime();
      return { ok, allowed: ok, remaining: Math.max(0, points - used), retryAfterSec: ok ? 0 : Math.max(1, Math.ceil(resetMs / 1000)) };
    },
  };
}

/** Consume one hit; throws 429 `rate_limited` with `Retry-After` when over the limit. */
export async function enforceLimit(limiter: RateLimiter, key: string, opts: LimitOptions): Promise<void> {
  const r = await limiter.consume(key, opts);
  if (!r.ok)
    throw new ApiError(429, 'rate_limited', `Too many requests; retry in ${r.retryAfterSec} s`, undefined, { 'retry-after': String(r.retryAfterSec) });
}
