/** Lazy string loaders of the `newsletter-optin` namespace. */
export const NS = 'newsletter-optin';
export const loaders = {
  en: () => import('../locales/en.json'),
  fr: () => import('../locales/fr.json'),
  de: () => import('../locales/de.json'),
  es: () => import('../locales/es.json'),
  it: () => import('../locales/it.json'),
  nl: () => import('../locales/nl.json'),
  pt: () => import('../locales/pt.json'),
  pl: () => import('../locales/pl.json'),
  ar: () => import('../locales/ar.json'),
  he: () => import('../locales/he.json'),
};
