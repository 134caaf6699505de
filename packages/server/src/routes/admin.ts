/**
 * Admin API (Authorization: Bearer <admin key>):
 *  - GET  /v1/admin/consents?site&consentId&from&to&format=json|csv — the consent log, streamed
 *    in batches (keyset pagination: constant memory on both PGlite and PostgreSQL);
 *  - POST /v1/admin/subjects/export {email, site?} — everything held about an address;
 *  - POST /v1/admin/subjects/erase  {email, site?} — removes it; answers what was removed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { ConsentLogQuery, SubjectRequest, type StoredConsent } from '@consentkit/core/wire';
import type { Deps } from '../deps.js';
import { ApiError, parseJson, parseQuery } from '../http.js';
import { subjectSources } from '../subjects.js';

const BATCH = 500;
const digest = (s: string) => createHash('sha256').update(s).digest();

function adminAuth(deps: Deps): MiddlewareHandler {
  const expected = deps.adminKey ? digest(deps.adminKey) : undefined;
  return async (c, next) => {
    const m = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    if (!expected || !m || !timingSafeEqual(digest(m[1]!.trim()), expected))
      throw new ApiError(401, 'unauthorized', 'Send the admin API key as Authorization: Bearer <key>', undefined, { 'www-authenticate': 'Bearer' });
    await next();
  };
}

type Row = {
  id: string;
  seq: string;
  consent_id: string;
  site: string;
  revision: number;
  granted: unknown;
  denied: unknown;
  services: unknown;
  action: string;
  source: string;
  gpc: boolean;
  locale: string;
  text_hash: string;
  page_path: string;
  client_time: string;
  received_at: Date | string;
};

const asList = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as string[] | null) ?? [] : []);

export function toStoredConsent(r: Row): StoredConsent {
  const services = Array.isArray(r.services) || typeof r.services === 'string' ? asList(r.services) : undefined;
  return {
    id: r.id,
    consentId: r.consent_id,
    site: r.site,
    revision: r.revision,
    granted: asList(r.granted),
    denied: asList(r.denied),
    ...(r.services != null && services ? { services } : {}),
    action: r.action as StoredConsent['action'],
    source: r.source as StoredConsent['source'],
    gpc: r.gpc,
    locale: r.locale,
    textHash: r.text_hash,
    pagePath: r.page_path,
    clientTime: r.client_time,
    receivedAt: new Date(r.received_at).toISOString(),
  };
}

/** `2024-02-30T…` or `…T25:00Z` match the wire pattern but are not instants. */
export function isRealInstant(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}

const CSV_COLUMNS = ['id', 'consentId', 'site', 'revision', 'action', 'source', 'granted', 'denied', 'services', 'gpc', 'locale', 'textHash', 'pagePath', 'clientTime', 'receivedAt'] as const;

function csvCell(v: unknown): string {
  let s = Array.isArray(v) ? v.join(' ') : v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formula injection when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function adminRoutes(deps: Deps): Hono {
  const app = new Hono();
  const { db } = deps;
  app.use('/v1/admin/*', adminAuth(deps));

  app.get('/v1/admin/consents', async (c) => {
    const q = parseQuery(c, ConsentLogQuery);
    const badTime = (['from', 'to'] as const).filter((k) => q[k] !== undefined && !isRealInstant(q[k]!));
    if (badTime.length)
      throw new ApiError(400, 'validation_failed', 'The request has invalid fields', badTime.map((k) => ({ path: [k], code: 'invalid_format', message: 'expected a real date and time' })));
    const enc = new TextEncoder();
    const csv = q.format === 'csv';
    let after = '0';
    let first = true;
    let done = false;
    const page = async (): Promise<Row[]> => {
      let sel = db.selectFrom('consents').selectAll().where('seq', '>', after);
      if (q.site) sel = sel.where('site', '=', q.site);
      if (q.consentId) sel = sel.where('consent_id', '=', q.consentId.toLowerCase());
      if (q.from) sel = sel.where('received_at', '>=', new Date(q.from));
      if (q.to) sel = sel.where('received_at', '<', new Date(q.to));
      return (await sel.orderBy('seq').limit(BATCH).execute()) as Row[];
    };
    // The first batch is read before answering: a database error is a clean 500, not a cut-off 200.
    let pending: Row[] | undefined = await page();
    const body = new ReadableStream<Uint8Array>({
      start(ctl) {
        ctl.enqueue(enc.encode(csv ? CSV_COLUMNS.join(',') + '\r\n' : '['));
      },
      async pull(ctl) {
        if (done) return;
        const rows = pending ?? (await page());
        pending = undefined;
        let out = '';
        for (const r of rows) {
          const rec = toStoredConsent(r);
          if (csv) out += CSV_COLUMNS.map((k) => csvCell(rec[k])).join(',') + '\r\n';
          else out += (first ? '' : ',') + JSON.stringify(rec);
          first = false;
          after = String(r.seq);
        }
        if (rows.length < BATCH) {
          done = true;
          if (!csv) out += ']';
          if (out) ctl.enqueue(enc.encode(out));
          ctl.close();
        } else if (out) ctl.enqueue(enc.encode(out));
      },
    });
    return c.body(body, 200, {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(csv ? { 'content-disposition': 'attachment; filename="consents.csv"' } : {}),
    });
  });

  app.post('/v1/admin/subjects/export', async (c) => {
    const { email, site } = await parseJson(c, SubjectRequest);
    const out: Record<string, unknown> = { email, bookings: [], subscriptions: [], mails: [] };
    for (const src of subjectSources) out[src.name] = await src.export(deps, email, site);
    deps.log.info('subject export', { sources: subjectSources.map((s) => s.name) });
    return c.json(out, 200, { 'cache-control': 'no-store' });
  });

  app.post('/v1/admin/subjects/erase', async (c) => {
    const { email, site } = await parseJson(c, SubjectRequest);
    const removed: Record<string, number> = { bookings: 0, subscriptions: 0, mails: 0 };
    for (const src of subjectSources) removed[src.name] = await src.erase(deps, email, site);
    deps.log.info('subject erase', { removed });
    return c.json({ email, removed }, 200, { 'cache-control': 'no-store' });
  });
  return app;
}
