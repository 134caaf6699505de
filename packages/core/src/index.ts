export { createClient, sha256Hex, type Client, type ClientOptions, type Decision } from './client.js';
export {
  parseConfig,
  localize,
  optionalCategories,
  formatPath,
  SiteConfig,
  type SiteConfigInput,
  type CategoryConfig,
  type ServiceConfig,
  type DeclaredCookie,
  type ConsentModeSignal,
  type LocalizedText,
  type ConfigIssue,
  type ParsedConfig,
} from './config.js';
export { createConsentStore, checksum, type ConsentState, type ConsentChoice, type ConsentStore, type CookieJar } from './consent-store.js';
export { createOutbox, type Outbox, type OutboxOptions } from './outbox.js';
export { createTransport, newIdempotencyKey, parseRetryAfter, type Transport, type TransportOptions, type RequestOptions, type Schema } from './transport.js';
export * from './errors.js';
export { cachedConfig, rememberConfig } from './config-cache.js';
export { paths } from './paths.js';
