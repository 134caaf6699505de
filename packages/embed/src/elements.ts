/**
 * Tag → lazy module that defines it. The loader loads the chunk of each consentkit element it
 * finds on the page (at start and when added later), only when one is there.
 * Other packages add their lines here (one per tag).
 */
export const elements: Record<string, () => Promise<unknown>> = {
  'ck-consent-banner': () => import('@consentkit/consent-banner/define'),
  'ck-consent-preferences': () => import('@consentkit/consent-banner/define'),
  'ck-consent-embed': () => import('@consentkit/consent-banner/define'),
  'ck-booking-widget': () => import('@consentkit/booking-widget/define'),
  'ck-newsletter-optin': () => import('@consentkit/newsletter-optin/define'),
  'ck-newsletter-confirm': () => import('@consentkit/newsletter-optin/define'),
  'ck-newsletter-unsubscribe': () => import('@consentkit/newsletter-optin/define'),
};
