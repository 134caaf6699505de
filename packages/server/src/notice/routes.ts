/**
 * GET /v1/sites/{site}/privacy-notice?purpose=booking|newsletter&locale=
 * The site's Art. 13 notice for a purpose, in a language, with its version hash (which each
 * booking and subscription stores as proof of what the visitor was shown).
 */
import { Hono } from 'hono';
import { NoticePurpose } from '@consentkit/core/wire';
import type { NoticeConfig } from './config.js';
import { buildNotice, noticeLocale } from './build.js';

export interface NoticeDeps {
  site(id: string): { notice?: NoticeConfig | undefined } | undefined;
}

export function noticeRoutes(deps: NoticeDeps): Hono {
  const app = new Hono();
  app.get('/v1/sites/:site/privacy-notice', (c) => {
    const site = deps.site(c.req.param('site'));
    if (!site) return c.json({ error: 'unknown_site', message: 'Unknown site' }, 404);
    const purpose = NoticePurpose.safeParse(c.req.query('purpose') ?? 'booking');
    if (!purpose.success)
      return c.json(
        { error: 'validation_failed', message: 'Invalid purpose', issues: [{ path: ['purpose'], code: 'invalid_value', message: 'expected booking or newsletter' }] },
        400,
      );
    const notice = site.notice && buildNotice(site.notice, purpose.data, noticeLocale(c.req.query('locale')));
    if (!notice) return c.json({ error: 'not_found', message: 'This site has no privacy notice for that purpose' }, 404);
    return c.json(notice, 200, { 'cache-control': 'no-cache', etag: `"${notice.version}"` });
  });
  return app;
}
