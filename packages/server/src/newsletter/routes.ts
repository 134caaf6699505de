/**
 * Double opt-in endpoints (DESIGN.md "HTTP API"; COMPLIANCE.md practices 1–14):
 *  - POST /v1/newsletter/subscriptions: always 202 `{"status":"pending"}`, byte-identical whatever
 *    the address's state; everything that depends on the address (per-address limit, lookup,
 *    storage, mail) happens after the answer, in the background;
 *  - POST /v1/newsletter/confirm: single-use, expiring, hashed token; confirms only its list;
 *  - POST /v1/newsletter/unsubscribe: JSON `{token}` from the landing page, or the RFC 8058
 *    one-click POST (`?token=` in the URL, form body `List-Unsubscribe=One-Click`), no login.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { ConfirmRequest, SubscribeRequest, Token, UnsubscribeRequest, type FieldIssue } from '@consentkit/core/wire';
import type { NewsletterConfig } from './config.js';
import { confirmationMail, welcomeMail, type NewsletterMail } from './mails.js';
import type { NewsletterTables } from './schema.js';
import { emailKey, hashToken, newToken, normaliseEmail } from './tokens.js';

export interface LimitResult {
  allowed: boolean;
  /** Seconds until the next attempt is allowed (when not allowed). */
  retryAfterSec: number;
}

export interface NewsletterDeps {
  db: Kysely<NewsletterTables>;
  /** The site's display name and newsletter config; undefined = unknown site. */
  site(id: string): { name?: string | undefined; newsletter?: NewsletterConfig | undefined } | undefined;
  mailer: { send(mail: NewsletterMail): Promise<unknown> };
  limiter: { consume(key: string, opts: { points: number; durationSec: number }): Promise<LimitResult> };
  /** Client IP by the server's trusted-proxy rule (undefined when unknown). */
  clientIp(c: Context): string | undefined;
  /** Public base URL of this API server (the RFC 8058 one-click target lives here). */
  publicUrl: string;
  /** Base URL of the landing pages (default `publicUrl`). */
  pagesUrl?: string | undefined;
  now?: () => Date;
  /** Where background failures are reported (default console.error). */
  onError?: (err: unknown) => void;
  /** Replays the stored answer for a repeated Idempotency-Key (so a retried submission sends no second mail). */
  idempotent?: (c: Context, scope: string, handler: () => Promise<Response>) => Promise<Response>;
  /** Hand background work to the server (shutdown waits for it); default: tracked here. */
  waitUntil?: (work: Promise<void>) => void;
}

export interface NewsletterRoutes {
  app: Hono;
  /** Resolves when the background work started so far (lookups, storage, mails) has finished. */
  settled(): Promise<void>;
}

type Json = Record<string, unknown>;
const MAX_BODY = 16 * 1024;

function fail(c: Context, status: 400 | 404 | 410 | 413 | 415 | 429, error: string, message: string, issues?: FieldIssue[], headers?: Record<string, string>) {
  return c.json({ error, message, ...(issues ? { issues } : {}) }, status, { 'cache-control': 'no-store', ...headers });
}

function issuesOf(error: unknown): FieldIssue[] {
  const list = (error as { issues?: { path: PropertyKey[]; code: string; message: string }[] }).issues ?? [];
  return list.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), code: i.code, message: i.message }));
}

async function readJson(c: Context): Promise<{ ok: true; data: unknown } | { ok: false; res: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return { ok: false, res: fail(c, 415, 'unsupported_media_type', 'Send application/json') };
  try {
    return { ok: true, data: await c.req.json() };
  } catch {
    return { ok: false, res: fail(c, 400, 'invalid_json', 'The body is not valid JSON') };
  }
}

export function newsletterRoutes(deps: NewsletterDeps): NewsletterRoutes {
  const now = deps.now ?? (() => new Date());
  const db = deps.db;
  const onError = deps.onError ?? ((e: unknown) => console.error('[newsletter]', e));
  const running = new Set<Promise<void>>();
  const background = (work: () => Promise<void>) => {
    const p = Promise.resolve()
      .then(work)
      .catch(onError)
      .finally(() => running.delete(p));
    running.add(p);
    deps.waitUntil?.(p);
  };
  const base = (u: string) => (u.endsWith('/') ? u : `${u}/`);
  const api = base(deps.publicUrl);
  const pages = base(deps.pagesUrl ?? deps.publicUrl);
  const links = (cfg: NewsletterConfig, confirm: string | undefined, unsubscribe: string) => ({
    page: `${cfg.confirmUrl ?? new URL('newsletter-confirm.html', pages).href}#token=${confirm ?? ''}`,
    unsubscribePage: `${cfg.unsubscribeUrl ?? new URL('newsletter-unsubscribe.html', pages).href}#token=${unsubscribe}`,
    oneClick: `${new URL('v1/newsletter/unsubscribe', api).href}?token=${unsubscribe}`,
  });
  const hours = (h: number) => new Date(now().getTime() + h * 3600_000);

  async function issueUnsubscribeToken(cfg: NewsletterConfig, site: string, list: string, email: string, requestId: string | null) {
    const t = newToken();
    await db
      .insertInto('newsletter_tokens')
      .values({ hash: t.hash, purpose: 'unsubscribe', site, list, email, request_id: requestId, created_at: now(), expires_at: hours(cfg.unsubscribeTokenTtlDays * 24) })
      .execute();
    return t.token;
  }

  /** Everything a submission does that depends on the address: after the 202 went out. */
  async function processSubscription(req: SubscribeRequest & { formId: string; formVersion: string }, ip: string | undefined) {
    const entry = deps.site(req.site)!;
    const cfg = entry.newsletter!;
    const email = normaliseEmail(req.email);
    const limit = await deps.limiter.consume(`newsletter:mail:${emailKey(req.site, email)}`, cfg.limits.perEmail);
    if (!limit.allowed) return; // N+1st attempt in the window: no mail, same answer.
    const current = await db
      .selectFrom('newsletter_subscriptions')
      .select('status')
      .where('site', '=', req.site)
      .where('list', '=', req.list)
      .where('email', '=', email)
      .executeTakeFirst();
    if (current?.status === 'confirmed') return; // Already subscribed: nothing stored, nothing changed.
    const requestId = crypto.randomUUID();
    const confirm = newToken();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('newsletter_requests')
        .values({
          id: requestId,
          site: req.site,
          list: req.list,
          email,
          status: 'pending',
          requested_at: now(),
          confirmed_at: null,
          form_id: req.formId,
          form_version: req.formVersion,
          consent_text_hash: req.consentTextHash,
          notice_version: req.noticeVersion ?? null,
          locale: req.locale,
          page_path: req.pagePath,
          ip: cfg.storeIp ? (ip ?? null) : null,
        })
        .execute();
      await trx
        .insertInto('newsletter_tokens')
        .values({ hash: confirm.hash, purpose: 'confirm', site: req.site, list: req.list, email, request_id: requestId, created_at: now(), expires_at: hours(cfg.confirmTokenTtlHours) })
        .execute();
    });
    const unsubscribe = await issueUnsubscribeToken(cfg, req.site, req.list, email, requestId);
    const list = cfg.lists.find((l) => l.id === req.list)!;
    await deps.mailer.send(
      confirmationMail({
        site: req.site,
        siteName: entry.name ?? req.site,
        listName: list.name,
        to: email,
        ttlHours: cfg.confirmTokenTtlHours,
        locale: req.locale,
        links: links(cfg, confirm.token, unsubscribe),
      }),
    );
  }

  const app = new Hono();
  const limitBody = bodyLimit({ maxSize: MAX_BODY, onError: (c) => fail(c, 413, 'payload_too_large', `The body is larger than ${MAX_BODY} bytes`) });

  app.post('/v1/newsletter/subscriptions', limitBody, (c) => (deps.idempotent ? deps.idempotent(c, 'newsletter.subscribe', () => subscribe(c)) : subscribe(c)));

  async function subscribe(c: Context): Promise<Response> {
    const body = await readJson(c);
    if (!body.ok) return body.res;
    const parsed = SubscribeRequest.safeParse(body.data);
    if (!parsed.success) return fail(c, 400, 'validation_failed', 'The subscription request is invalid', issuesOf(parsed.error));
    const req = parsed.data;
    const cfg = deps.site(req.site)?.newsletter;
    if (!cfg) return fail(c, 404, 'unknown_site', `No newsletter for site ${req.site}`, [{ path: ['site'], code: 'unknown_site', message: 'unknown site' }]);
    if (!cfg.lists.some((l) => l.id === req.list)) {
      return fail(c, 400, 'validation_failed', 'Unknown list', [{ path: ['list'], code: 'unknown_list', message: `no list ${req.list} on this site` }]);
    }
    const ip = deps.clientIp(c);
    const perIp = await deps.limiter.consume(`newsletter:ip:${req.site}:${ip ?? 'unknown'}`, cfg.limits.perIp);
    if (!perIp.allowed) {
      const retry = String(Math.max(1, Math.ceil(perIp.retryAfterSec)));
      return fail(c, 429, 'rate_limited', 'Too many requests from this address; try again later', undefined, { 'retry-after': retry });
    }
    // Honeypot (practice 1): looks accepted, nothing stored, no mail.
    if (!req.website) background(() => processSubscription(req, ip));
    return c.json({ status: 'pending' }, 202, { 'cache-control': 'no-store' });
  }

  app.post('/v1/newsletter/confirm', limitBody, async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.res;
    const parsed = ConfirmRequest.safeParse(body.data);
    if (!parsed.success) return fail(c, 400, 'validation_failed', 'The token is malformed', issuesOf(parsed.error));
    const hash = hashToken(parsed.data.token);
    const at = now();
    const outcome = await db.transaction().execute(async (trx) => {
      const tok = await trx.selectFrom('newsletter_tokens').selectAll().where('hash', '=', hash).where('purpose', '=', 'confirm').executeTakeFirst();
      if (!tok || tok.used_at || !tok.request_id) return 'invalid' as const;
      if (new Date(tok.expires_at).getTime() <= at.getTime()) return 'expired' as const;
      const used = await trx.updateTable('newsletter_tokens').set({ used_at: at }).where('hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return 'invalid' as const;
      const request = await trx
        .updateTable('newsletter_requests')
        .set({ status: 'confirmed', confirmed_at: at })
        .where('id', '=', tok.request_id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!request) return 'invalid' as const;
      await trx
        .insertInto('newsletter_subscriptions')
        .values({ site: request.site, list: request.list, email: request.email, status: 'confirmed', request_id: request.id, confirmed_at: at, unsubscribed_at: null })
        .onConflict((oc) => oc.columns(['site', 'list', 'email']).doUpdateSet({ status: 'confirmed', request_id: request.id, confirmed_at: at, unsubscribed_at: null }))
        .execute();
      return request;
    });
    if (outcome === 'invalid') return fail(c, 404, 'token_invalid', 'This confirmation link is not valid (it may have been used already)');
    if (outcome === 'expired') {
      return fail(c, 410, 'token_expired', 'This confirmation link has expired; subscribe again to get a new one');
    }
    const entry = deps.site(outcome.site);
    const cfg = entry?.newsletter;
    if (cfg) {
      background(async () => {
        const unsubscribe = await issueUnsubscribeToken(cfg, outcome.site, outcome.list, outcome.email, outcome.id);
        const { unsubscribePage, oneClick } = links(cfg, undefined, unsubscribe);
        const listName = cfg.lists.find((l) => l.id === outcome.list)?.name ?? outcome.list;
        await deps.mailer.send(welcomeMail({ site: outcome.site, siteName: entry.name ?? outcome.site, listName, to: outcome.email, locale: outcome.locale, links: { unsubscribePage, oneClick } }));
      });
    }
    return c.json({ status: 'confirmed', lists: [outcome.list] }, 200, { 'cache-control': 'no-store' });
  });

  app.post('/v1/newsletter/unsubscribe', limitBody, async (c) => {
    const type = c.req.header('content-type') ?? '';
    let token: unknown;
    if (/^application\/json\b/i.test(type)) {
      const body = await readJson(c);
      if (!body.ok) return body.res;
      const parsed = UnsubscribeRequest.safeParse(body.data);
      if (!parsed.success) return fail(c, 400, 'validation_failed', 'The token is malformed', issuesOf(parsed.error));
      token = parsed.data.token;
    } else {
      // RFC 8058 one-click: token in the URL, `List-Unsubscribe=One-Click` in the form body.
      const form = await c.req.parseBody().catch(() => ({}) as Json);
      if (form['List-Unsubscribe'] !== 'One-Click') {
        return fail(c, 400, 'validation_failed', 'Expected the form body List-Unsubscribe=One-Click', [{ path: ['List-Unsubscribe'], code: 'invalid_value', message: 'expected One-Click' }]);
      }
      const q = Token.safeParse(c.req.query('token'));
      if (!q.success) return fail(c, 400, 'validation_failed', 'The token is malformed', [{ path: ['token'], code: 'invalid_format', message: 'expected a token' }]);
      token = q.data;
    }
    const hash = hashToken(token as string);
    const at = now();
    const outcome = await db.transaction().execute(async (trx) => {
      const tok = await trx.selectFrom('newsletter_tokens').selectAll().where('hash', '=', hash).where('purpose', '=', 'unsubscribe').executeTakeFirst();
      if (!tok) return 'invalid' as const;
      if (new Date(tok.expires_at).getTime() <= at.getTime()) return 'expired' as const;
      // Repeating an unsubscribe is harmless: the same token may be used again.
      if (!tok.used_at) await trx.updateTable('newsletter_tokens').set({ used_at: at }).where('hash', '=', hash).execute();
      await trx
        .updateTable('newsletter_subscriptions')
        .set({ status: 'unsubscribed', unsubscribed_at: at })
        .where('site', '=', tok.site)
        .where('list', '=', tok.list)
        .where('email', '=', tok.email)
        .where('status', '=', 'confirmed')
        .execute();
      // "I did not ask for this" from the confirmation mail: pending requests end, their links die.
      await trx
        .updateTable('newsletter_requests')
        .set({ status: 'cancelled' })
        .where('site', '=', tok.site)
        .where('list', '=', tok.list)
        .where('email', '=', tok.email)
        .where('status', '=', 'pending')
        .execute();
      await trx
        .updateTable('newsletter_tokens')
        .set({ used_at: at })
        .where('site', '=', tok.site)
        .where('list', '=', tok.list)
        .where('email', '=', tok.email)
        .where('purpose', '=', 'confirm')
        .where('used_at', 'is', null)
        .execute();
      return 'ok' as const;
    });
    if (outcome === 'invalid') return fail(c, 404, 'token_invalid', 'This unsubscribe link is not valid');
    if (outcome === 'expired') return fail(c, 410, 'token_expired', 'This unsubscribe link has expired; use the link in a more recent mail');
    return c.json({ status: 'unsubscribed' }, 200, { 'cache-control': 'no-store' });
  });

  return {
    app,
    async settled() {
      while (running.size) await Promise.all([...running]);
    },
  };
}
