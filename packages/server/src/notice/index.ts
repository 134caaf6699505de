/** The Art. 13 privacy notice: config schema, versioned builder, route. */
export { NoticeConfig, NoticeContact, NoticePurposeConfig } from './config.js';
export { buildNotice, canonicalJson, noticeLocale } from './build.js';
export { noticeRoutes, type NoticeDeps } from './routes.js';
