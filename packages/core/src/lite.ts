/**
 * `@consentkit/core/lite`: what the one-script-tag loader needs on every page, without zod,
 * i18next or Lit: read the consent cookie (readConsent + readCookie, no js-cookie), write it
 * (createConsentStore), and reuse a config validated before.
 * Sending consent records (outbox + transport) is a separate import, loaded when there is
 * something to send.
 */
export { readConsent, readCookie, checksum, type ConsentState } from './consent-cookie.js';
export { createConsentStore, type ConsentChoice, type ConsentStore, type CookieJar } from './consent-store.js';
export { cachedConfig, rememberConfig } from './config-cache.js';
export type { SiteConfig, CategoryConfig, ServiceConfig, DeclaredCookie } from './config.js';
