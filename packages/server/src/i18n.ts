/**
 * Localised mail templates: one server-side i18next instance; each feature registers its own
 * namespace (`addMailStrings('newsletter', { en: {...}, fr: {...} })`) and gets a translator
 * with `mailT(lang, 'newsletter')`. Language: exact tag → base language → `en`.
 */
import i18next from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import ar from './locales/ar.json' with { type: 'json' };
import he from './locales/he.json' with { type: 'json' };

export const MAIL_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'ar', 'he'] as const;

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  fallbackLng: 'en',
  supportedLngs: false,
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: {},
});

/** Register (or extend) a namespace of mail strings, per language. */
export function addMailStrings(ns: string, resources: Record<string, Record<string, unknown>>): void {
  for (const [lang, bundle] of Object.entries(resources)) i18n.addResourceBundle(lang, ns, bundle, true, true);
}

addMailStrings('common', { en, fr, de, es, it, nl, pt, pl, ar, he });

/** The best language we have mails in for a requested tag. */
export function mailLanguage(lang: string | undefined): string {
  const tag = (lang ?? 'en').toLowerCase();
  const base = tag.split('-')[0]!;
  return (MAIL_LANGUAGES as readonly string[]).includes(tag) ? tag : (MAIL_LANGUAGES as readonly string[]).includes(base) ? base : 'en';
}

export type MailT = (key: string, vars?: Record<string, unknown>) => string;

/** A translator for one language and namespace. */
export function mailT(lang: string | undefined, ns = 'common'): MailT {
  const t = i18n.getFixedT(mailLanguage(lang), ns);
  return (key, vars) => String(t(key, vars ?? {}));
}

/** Text direction of a mail language (for the `dir` of HTML mails). */
export function mailDirection(lang: string | undefined): 'ltr' | 'rtl' {
  return ['ar', 'he'].includes(mailLanguage(lang)) ? 'rtl' : 'ltr';
}
