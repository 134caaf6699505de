/**
 * Plugs the double opt-in into the reference server (one line in each registry):
 * routes (`app.ts`), purge job (`retention.ts`) and data-subject source (`subjects.ts`).
 */
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import { withIdempotency } from '../idempotency.js';
import type { PurgeJob } from '../retention.js';
import type { SubjectSource } from '../subjects.js';
import type { NewsletterConfig } from './config.js';
import { eraseNewsletterSubject, exportNewsletterSubject, purgeNewsletter } from './maintenance.js';
import { newsletterRoutes } from './routes.js';
import type { NewsletterTables } from './schema.js';

/** `POST /v1/newsletter/subscriptions|confirm|unsubscribe` on the server's deps. */
export function newsletterFeature(deps: Deps): Hono {
  return newsletterRoutes({
    db: deps.db as unknown as Kysely<NewsletterTables>,
    site: (id) => {
      const s = deps.site(id);
      return s && { name: s.name, newsletter: s.newsletter as NewsletterConfig | undefined };
    },
    mailer: deps.mailer,
    limiter: deps.limiter,
    clientIp: (c) => deps.clientIp(c),
    publicUrl: deps.config.publicUrl,
    now: deps.now,
    onError: (err) => deps.log.error('newsletter background work failed', { err: String((err as Error)?.stack ?? err) }),
    waitUntil: (work) => deps.waitUntil(work),
    idempotent: (c, scope, handler) => withIdempotency(c, deps, scope, handler),
  }).app;
}

/** Pending (never confirmed) requests after the site's `retention.pendingSubscriptionHours`. */
export const purgeNewsletterJob: PurgeJob = ({ db, config, now }) =>
  purgeNewsletter(
    db as unknown as Kysely<NewsletterTables>,
    config.sites.map((s) => [s.id, s.retention.pendingSubscriptionHours] as [string, number]),
    now(),
  );

/** Export/erase of an address's requests (proof of consent), subscriptions and tokens. */
export const newsletterSubjects: SubjectSource = {
  name: 'subscriptions',
  export: ({ db }, email, site) =>
    exportNewsletterSubject(db as unknown as Kysely<NewsletterTables>, email, site).then((rows) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))),
    ),
  erase: ({ db }, email, site) => eraseNewsletterSubject(db as unknown as Kysely<NewsletterTables>, email, site),
};
