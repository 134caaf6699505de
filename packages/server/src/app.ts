/**
 * The HTTP app. How a feature plugs in (one line in each place):
 *  1. routes:      `export function xRoutes(deps: Deps): Hono` in `src/x/routes.ts`, mounted below;
 *  2. tables:      `interface XTables` added to `Database` in `src/db/schema.ts`;
 *  3. migration:   `'000N_x': migration…` in `src/db/migrations/index.ts`;
 *  4. config:      the site section's schema line in `src/config.ts`;
 *  5. retention:   a purge function in `purgeJobs` (`src/retention.ts`);
 *  6. subject data (if it stores an email): a source in `subjectSources` (`src/subjects.ts`).
 * Use `parseJson`/`requireSite`/`ApiError` (http.ts), `enforceLimit` (ratelimit.ts),
 * `withIdempotency` (idempotency.ts), `deps.mailer.send` (mail.ts) and `mailT` (i18n.ts).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Deps } from './deps.js';
import { bodyLimit, cors, errorHandler, errorResponse } from './http.js';
import type { Logger } from './log.js';
import { adminRoutes } from './routes/admin.js';
import { consentRoutes } from './routes/consents.js';
import { healthRoutes } from './routes/health.js';
import { mailboxRoutes } from './routes/mailbox.js';
import { newsletterFeature } from './newsletter/feature.js';
import { bookingRoutesFor } from './booking/plugin.js';
import { noticeRoutesFor } from './notice/plugin.js';

export interface AppOptions {
  /** URL prefix → folder served as static files (e.g. `{ '/': 'examples', '/embed/': 'packages/embed/dist' }`). */
  static?: Record<string, string> | undefined;
  /** Shared with the server: set while shutting down so /healthz answers 503. */
  state?: { draining: boolean };
}

/** One log line per request: method, route pattern (never the concrete URL), status, ms. */
function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const route = c.req.routePath && c.req.routePath !== '*' && !c.req.routePath.endsWith('/*') ? c.req.routePath : '(unmatched)';
    log.info('request', { method: c.req.method, route, status: c.res.status, ms: Math.round((performance.now() - t0) * 10) / 10 });
  };
}

export function createApp(deps: Deps, opts: AppOptions = {}): Hono {
  const app = new Hono();
  app.onError(errorHandler(deps.log));
  app.notFound((c) => (c.req.path === '/v1' || c.req.path.startsWith('/v1/') ? errorResponse(c, 404, 'not_found', 'No such endpoint') : c.text('Not found', 404)));
  app.use('*', requestLog(deps.log));
  app.use('/v1/*', cors(deps.config));
  app.use('/v1/*', bodyLimit(deps.config.limits.bodyBytes));

  app.route('/', healthRoutes(deps, opts.state));
  app.route('/', consentRoutes(deps));
  app.route('/', adminRoutes(deps));
  if (deps.dev) app.route('/', mailboxRoutes(deps));
  // Features: mount your routes here (one line each).
  app.route('/', newsletterFeature(deps));
  app.route('/', noticeRoutesFor(deps));
  app.route('/', bookingRoutesFor(deps));

  const roots = Object.entries(opts.static ?? {}).sort(([a], [b]) => b.length - a.length);
  for (const [prefix, dir] of roots) {
    const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
    app.use(`${base}*`, serveStatic({ root: dir, rewriteRequestPath: (p) => '/' + p.slice(base.length) }));
  }
  return app;
}
