/** Double opt-in newsletter: routes, config schema, migration, retention and subject hooks. */
export { newsletterRoutes, type NewsletterDeps, type NewsletterRoutes, type LimitResult } from './routes.js';
export { NewsletterConfig, NewsletterList, type NewsletterConfigInput } from './config.js';
export { migration0003Newsletter, type NewsletterTables } from './schema.js';
export { purgeNewsletter, exportNewsletterSubject, eraseNewsletterSubject } from './maintenance.js';
export { confirmationMail, welcomeMail, type NewsletterMail } from './mails.js';
export { hashToken, newToken, normaliseEmail } from './tokens.js';
