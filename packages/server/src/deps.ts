/**
 * What every route module receives: `export function xRoutes(deps: Deps): Hono`.
 * Nothing here keeps state two server instances would need to share: rate limits, idempotency
 * keys, mails and all data live in the database.
 */
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { ServerConfig, SiteServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import { clientIp } from './http.js';
import type { Logger } from './log.js';
import type { Mailer } from './mail.js';
import type { RateLimiter } from './ratelimit.js';

export interface Deps {
  db: Kysely<Database>;
  config: ServerConfig;
  mailer: Mailer;
  limiter: RateLimiter;
  now: () => Date;
  log: Logger;
  /** Development mode: the dev mailbox is mounted and a default admin key may be used. */
  dev: boolean;
  /** The admin API key (undefined: admin API answers 401 to everyone). */
  adminKey: string | undefined;
  /** A site's config by id (undefined: unknown). */
  site(id: string): SiteServerConfig | undefined;
  /** The client IP by the config's trusted-proxy rule. */
  clientIp(c: Context): string | undefined;
  /** Track work that continues after the response (e.g. mails after a 202); shutdown waits for it. */
  waitUntil(work: Promise<unknown>): void;
  /** Resolves when all work passed to `waitUntil` so far has finished. */
  settled(): Promise<void>;
}

export function createDeps(parts: Omit<Deps, 'site' | 'clientIp' | 'waitUntil' | 'settled'>): Deps {
  const running = new Set<Promise<unknown>>();
  return {
    ...parts,
    site: (id) => parts.config.sites.find((s) => s.id === id),
    clientIp: (c) => clientIp(c, parts.config.trustProxy),
    waitUntil(work) {
      const p = work
        .catch((err) => parts.log.error('background work failed', { err: String((err as Error)?.stack ?? err) }))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async settled() {
      while (running.size) await Promise.all([...running]);
    },
  };
}
