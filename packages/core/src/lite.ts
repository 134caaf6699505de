/**
 * `@consentkit/core/lite`: what the one-script-tag loader needs on every page, without zod,
 * i18next or Lit: read and write the consent cookie, and reuse a config validated before.
 * Sending consent records (outbox + transport) is a separate import, loaded when there is
 * something to send.
 */
export { createConsentStore, checksum, type ConsentState, type ConsentChoice, type ConsentStore, type CookieJar } from './consent-store.js';
export { cachedConfig, rememberConfig } from './config-cache.js';
export type { SiteConfig, CategoryConfig, ServiceConfig, DeclaredCookie } from './config.js';
