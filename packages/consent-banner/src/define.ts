/** Registers the consent elements (the only module of this package with a side effect). */
import { CkConsentBanner } from './consent-banner/consent-banner.js';
import { CkConsentPreferences } from './consent-preferences/consent-preferences.js';
import { CkConsentEmbed } from './consent-embed/consent-embed.js';

/** The banner's lazy strings, per language (a loader may start fetching them early). */
export { loaders as bannerLocales } from './decide.js';

if (!customElements.get('ck-consent-preferences')) customElements.define('ck-consent-preferences', CkConsentPreferences);
if (!customElements.get('ck-consent-banner')) customElements.define('ck-consent-banner', CkConsentBanner);
if (!customElements.get('ck-consent-embed')) customElements.define('ck-consent-embed', CkConsentEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'ck-consent-banner': CkConsentBanner;
    'ck-consent-preferences': CkConsentPreferences;
    'ck-consent-embed': CkConsentEmbed;
  }
}
