/** Plugs the privacy-notice endpoint into the server. */
import type { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { noticeRoutes } from './routes.js';

export function noticeRoutesFor(deps: Deps): Hono {
  return noticeRoutes({ site: (id) => deps.site(id) });
}
