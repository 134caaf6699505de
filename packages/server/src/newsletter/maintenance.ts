/** Retention purge (practice 13) and the data-subject hooks (export, erase) of the newsletter. */
import type { Kysely } from 'kysely';
import type { NewsletterTables } from './schema.js';
import { normaliseEmail } from './tokens.js';

/**
 * Deletes, per site, requests never confirmed (pending or cancelled) older than the site's
 * retention for pending subscriptions (hours), and tokens that expired more than that long ago
 * (so an expired link still answers 410 for a while, then simply stops existing).
 */
export async function purgeNewsletter(
  db: Kysely<NewsletterTables>,
  sites: Iterable<[site: string, pendingHours: number]>,
  now = new Date(),
): Promise<{ newsletterRequests: number; newsletterTokens: number }> {
  let requests = 0;
  let tokens = 0;
  for (const [site, hours] of sites) {
    const before = new Date(now.getTime() - hours * 3_600_000);
    const t = await db.deleteFrom('newsletter_tokens').where('site', '=', site).where('expires_at', '<', before).executeTakeFirst();
    const r = await db
      .deleteFrom('newsletter_requests')
      .where('site', '=', site)
      .where('status', 'in', ['pending', 'cancelled'])
      .where('requested_at', '<', before)
      .executeTakeFirst();
    tokens += Number(t.numDeletedRows);
    requests += Number(r.numDeletedRows);
  }
  return { newsletterRequests: requests, newsletterTokens: tokens };
}

/** Everything stored about one address (Art. 15): requests (proof of consent) and subscriptions. */
export async function exportNewsletterSubject(db: Kysely<NewsletterTables>, email: string, site?: string) {
  const e = normaliseEmail(email);
  let rq = db.selectFrom('newsletter_requests').selectAll().where('email', '=', e);
  let sb = db.selectFrom('newsletter_subscriptions').selectAll().where('email', '=', e);
  if (site) {
    rq = rq.where('site', '=', site);
    sb = sb.where('site', '=', site);
  }
  const [requests, subscriptions] = await Promise.all([rq.orderBy('requested_at').execute(), sb.execute()]);
  return [
    ...subscriptions.map((s): Record<string, unknown> => ({ kind: 'subscription', ...s })),
    ...requests.map((r): Record<string, unknown> => ({ kind: 'request', ...r })),
  ];
}

/** Erase one address (Art. 17): its requests, subscriptions and tokens. Returns rows removed. */
export async function eraseNewsletterSubject(db: Kysely<NewsletterTables>, email: string, site?: string): Promise<number> {
  const e = normaliseEmail(email);
  return db.transaction().execute(async (trx) => {
    let n = 0;
    for (const table of ['newsletter_tokens', 'newsletter_subscriptions', 'newsletter_requests'] as const) {
      let q = trx.deleteFrom(table).where('email', '=', e);
      if (site) q = q.where('site', '=', site);
      const r = await q.executeTakeFirst();
      if (table !== 'newsletter_tokens') n += Number(r.numDeletedRows);
    }
    return n;
  });
}
