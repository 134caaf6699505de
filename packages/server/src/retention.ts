/**
 * Retention purge: removes what each site's `retention` says is expired. Runs once at start and
 * then on an interval. A feature adds ONE line to `purgeJobs`: a function that deletes its
 * expired rows and returns `{ <what>: count }`.
 */
import { purgeBookingsJob } from './booking/plugin.js';
import type { Deps } from './deps.js';
import { purgeNewsletterJob } from './newsletter/feature.js';

export type PurgeJob = (deps: Deps) => Promise<Record<string, number>>;

const DAY = 86_400_000;

/** Core data: old consent records and mails per site; used idempotency keys; expired rate-limit windows. */
export const purgeCore: PurgeJob = async ({ db, config, now }) => {
  const t = now().getTime();
  let consents = 0;
  let mails = 0;
  for (const site of config.sites) {
    const c = await db.deleteFrom('consents').where('site', '=', site.id).where('received_at', '<', new Date(t - site.retention.consentsDays * DAY)).executeTakeFirst();
    consents += Number(c.numDeletedRows);
    const m = await db.deleteFrom('mails').where('site', '=', site.id).where('created_at', '<', new Date(t - site.retention.mailsDays * DAY)).executeTakeFirst();
    mails += Number(m.numDeletedRows);
  }
  const k = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(t - DAY)).executeTakeFirst();
  const r = await db.deleteFrom('rate_limits').where('expires_at', '<', new Date(t)).executeTakeFirst();
  return { consents, mails, idempotencyKeys: Number(k.numDeletedRows), rateLimits: Number(r.numDeletedRows) };
};

// Features: add your purge function here (one line each).
export const purgeJobs: PurgeJob[] = [
  purgeCore,
  purgeNewsletterJob,
  purgeBookingsJob,
];

/** Run every purge job once; a failing job is logged and the others still run. */
export async function runRetention(deps: Deps): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const job of purgeJobs) {
    try {
      Object.assign(total, await job(deps));
    } catch (err) {
      deps.log.error('retention job failed', { job: job.name, err: String((err as Error)?.message ?? err) });
    }
  }
  const removed = Object.values(total).reduce((a, b) => a + b, 0);
  if (removed) deps.log.info('retention purge', total);
  return total;
}

/** Start the purge loop (now, then every `intervalMs`); returns a stop function that waits for a running pass. */
export function startRetention(deps: Deps, intervalMs = 3_600_000): () => Promise<void> {
  let running: Promise<unknown> = runRetention(deps);
  const timer = setInterval(() => {
    running = running.then(() => runRetention(deps));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running.catch(() => {});
  };
}
