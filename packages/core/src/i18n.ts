/**
 * i18n: one i18next instance per client (so per page), namespaces loaded lazily per package
 * and language, site-owner overrides from the config merged on top, RTL detection.
 * Kept out of the main entry so the loader path never pays for i18next.
 *
 * Language order: element `lang` (closest ancestor) → `<html lang>` → navigator.languages →
 * config default → `en`; each candidate matches exactly, then by its base language (es-PE → es).
 */
import i18next, { type i18n as I18n } from 'i18next';
import type { Client } from './client.js';

export type { I18n };
/** Lazy locale modules of one namespace: `{ en: () => import('./locales/en.json') }`. */
export type LocaleLoaders = Record<string, () => Promise<{ default: Record<string, unknown> } | Record<string, unknown>>>;

const instances = new WeakMap<Client, Promise<I18n>>();
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The client's i18next instance (created on first use). */
export function getI18n(client: Client): Promise<I18n> {
  let inst = instances.get(client);
  if (!inst) {
    const i = i18next.createInstance();
    inst = i
      .init({
        lng: client.config.language.default,
        fallbackLng: [...new Set([client.config.language.default, 'en'])],
        ns: [],
        resources: {},
        // Lit escapes what it renders; i18next must not double-escape.
        interpolation: { escapeValue: false },
        returnNull: false,
        initAsync: false,
      })
      .then(() => i);
    instances.set(client, inst);
  }
  return inst;
}

/** Candidate languages for an element, most specific first. */
export function languageCandidates(el: Element | null | undefined, defaultLanguage: string): string[] {
  const out: string[] = [];
  const own = el?.closest('[lang]')?.getAttribute('lang');
  if (own) out.push(own);
  if (typeof document !== 'undefined' && document.documentElement.lang) out.push(document.documentElement.lang);
  if (typeof navigator !== 'undefined') out.push(...(navigator.languages ?? [navigator.language]));
  out.push(defaultLanguage, 'en');
  return out.filter(Boolean);
}

/** The first candidate (exact, then base language) found in `available`. */
export function pickLanguage(candidates: readonly string[], available: readonly string[]): string {
  const norm = (l: string) => l.toLowerCase();
  const set = new Map(available.map((a) => [norm(a), a]));
  for (const c of candidates) {
    const hit = set.get(norm(c)) ?? set.get(norm(c.split('-')[0]!));
    if (hit) return hit;
  }
  return available[0] ?? 'en';
}

/** Text direction of a language. */
export function direction(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
}

/**
 * Resolves the language for `el`, loads namespace `ns` in it (and its fallbacks), merges the
 * site's overrides, and returns a `t` bound to that language and namespace.
 */
export async function useNamespace(
  client: Client,
  ns: string,
  loaders: LocaleLoaders,
  el?: Element | null,
): Promise<{ t: I18n['t']; lang: string; dir: 'ltr' | 'rtl'; i18n: I18n }> {
  const i18n = await getI18n(client);
  const { language, text } = client.config;
  const bundled = Object.keys(loaders);
  const offered = language.supported.length ? [...language.supported, ...Object.keys(text)] : [...bundled, ...Object.keys(text)];
  const lang = pickLanguage(languageCandidates(el, language.default), offered);
  const chain = [...new Set([lang, lang.split('-')[0]!, language.default, 'en'])];
  await Promise.all(
    chain.map(async (l) => {
      if (!i18n.hasResourceBundle(l, ns) && loaders[l]) {
        const mod = await loaders[l]!();
        const data = ('default' in mod ? mod.default : mod) as Record<string, unknown>;
        i18n.addResourceBundle(l, ns, data, true, false);
      }
      const overrides = text[l]?.[ns];
      if (overrides) i18n.addResourceBundle(l, ns, overrides, true, true);
    }),
  );
  const t = i18n.getFixedT(chain, ns) as I18n['t'];
  return { t, lang, dir: direction(lang), i18n };
}
