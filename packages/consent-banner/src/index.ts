export { CkConsentBanner, type BannerLayout } from './consent-banner/consent-banner.js';
export { CkConsentPreferences } from './consent-preferences/consent-preferences.js';
export { CkConsentEmbed } from './consent-embed/consent-embed.js';
export { ConsentChangeEvent } from './events.js';
export type { Gate, GateOptions } from './gate/gate.js';
export type { ConsentState, SiteConfig } from '@consentkit/core';
