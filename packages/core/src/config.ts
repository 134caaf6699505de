/**
 * The site config: one schema for everything a page tells consentkit (categories, services,
 * declared cookies, policy, cookie settings, languages, text overrides, Consent Mode, GPC).
 * Written with `zod/mini` so the browser pays ~5 KiB, not ~19 KiB.
 *
 * `parseConfig` never throws: a bad config is reported (console error naming path and value)
 * and replaced by the safe config, in which nothing non-essential can ever be granted.
 */
import * as z from 'zod/mini';

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'expected an id of letters, digits, - or _ (max 64)'));
/** A string, or one string per language (`{ "en": "…", "fr": "…" }`). */
export const LocalizedText = z.union([z.string(), z.record(z.string(), z.string())]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Google Consent Mode v2 signals. */
export const ConsentModeSignal = z.enum([
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
]);
export type ConsentModeSignal = z.infer<typeof ConsentModeSignal>;

export const DeclaredCookie = z.object({
  /** Exact name, or a regular expression source when `pattern` is true (e.g. `^_ga_`). */
  name: z.string().check(z.minLength(1)),
  pattern: z.optional(z.boolean()),
  provider: z.optional(z.string()),
  purpose: z.optional(LocalizedText),
  /** Human duration as shown in the cookie table, e.g. "13 months". */
  duration: z.optional(LocalizedText),
  /** Domain the cookie is set on when it is not the page's host (e.g. ".example.com"). */
  domain: z.optional(z.string()),
});
export type DeclaredCookie = z.infer<typeof DeclaredCookie>;

export const ServiceConfig = z.object({
  id,
  name: z.string().check(z.minLength(1)),
  provider: z.optional(z.string()),
  description: z.optional(LocalizedText),
  privacyUrl: z.optional(z.string()),
  cookies: z._default(z.array(DeclaredCookie), []),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const CategoryConfig = z.object({
  id,
  title: LocalizedText,
  description: LocalizedText,
  /** Strictly necessary: always on, cannot be refused, and never holds trackers. */
  necessary: z.optional(z.boolean()),
  /** Pre-denied when the browser sends Global Privacy Control. */
  gpc: z.optional(z.boolean()),
  /** Reload the page when this category is revoked (scripts that ran cannot be unloaded). */
  reloadOnRevoke: z.optional(z.boolean()),
  services: z._default(z.array(ServiceConfig), []),
  cookies: z._default(z.array(DeclaredCookie), []),
});
export type CategoryConfig = z.infer<typeof CategoryConfig>;

export const SiteConfig = z.object({
  /** The site id the server knows this site by. */
  site: id,
  /** Base URL of the consentkit API (the `/v1` paths are appended). Default: this page's origin. */
  endpoint: z.optional(z.string().check(z.regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, 'expected an http(s) URL or an absolute path'))),
  policyUrl: z.string().check(z.minLength(1)),
  /** Bump when purposes, vendors or the policy change: stored choices from older revisions are void. */
  revision: z._default(z.number().check(z.int(), z.nonnegative()), 1),
  categories: z.array(CategoryConfig).check(z.minLength(1)),
  cookie: z._default(
    z.object({
      name: z._default(z.string().check(z.regex(/^[A-Za-z0-9_-]+$/)), 'ck_consent'),
      domain: z.optional(z.string()),
      path: z._default(z.string(), '/'),
      /** Lifetime of consent and of refusal alike (CNIL: about 6 months). */
      lifetimeDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(395)), 182),
    }),
    { name: 'ck_consent', path: '/', lifetimeDays: 182 },
  ),
  language: z._default(
    z.object({
      default: z._default(z.string(), 'en'),
      /** Languages the site offers; others fall back to `default`. Empty: any bundled language. */
      supported: z._default(z.array(z.string()), []),
    }),
    { default: 'en', supported: [] },
  ),
  /** Site-owner overrides: `{ [lang]: { [namespace]: { [key]: text } } }`, merged over bundled strings. */
  text: z._default(z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))), {}),
  consentMode: z.optional(
    z.object({
      enabled: z._default(z.boolean(), true),
      /** Which categories grant each signal; a signal whose categories are all granted becomes "granted". */
      mapping: z.partialRecord(ConsentModeSignal, z.array(id)),
      /** Advanced mode lets the Google tag load before consent (cookieless pings). Default: basic. */
      mode: z._default(z.enum(['basic', 'advanced']), 'basic'),
    }),
  ),
  /** Honour Global Privacy Control for the categories marked `gpc`. */
  gpc: z._default(z.boolean(), true),
  banner: z._default(
    z.object({
      layout: z._default(z.enum(['bar-bottom', 'bar-top', 'box', 'modal']), 'bar-bottom'),
      theme: z._default(z.enum(['auto', 'light', 'dark']), 'auto'),
      /** Show the floating re-open button (otherwise provide `data-ck-open-preferences` controls). */
      reopenButton: z._default(z.boolean(), true),
      /** Reload the page after any revocation. */
      reloadOnRevoke: z._default(z.boolean(), false),
    }),
    { layout: 'bar-bottom', theme: 'auto', reopenButton: true, reloadOnRevoke: false },
  ),
});
export type SiteConfigInput = z.input<typeof SiteConfig>;
export type SiteConfig = z.infer<typeof SiteConfig>;

export interface ConfigIssue {
  /** e.g. `categories[2].cookies[0].name` */
  path: string;
  message: string;
  /** The offending value, when there is one at that path. */
  value: unknown;
}

export type ParsedConfig =
  | { ok: true; config: SiteConfig; issues: [] }
  | { ok: false; config: SiteConfig; issues: ConfigIssue[] };

/** `['categories', 2, 'cookies', 0, 'name']` → `categories[2].cookies[0].name` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  return out || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const seg of path) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** The config used when the given one is unusable: only "necessary" exists, so nothing else can load. */
function safeConfig(input: unknown): SiteConfig {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const site = typeof raw['site'] === 'string' && /^[a-z0-9][a-z0-9_-]{0,63}$/i.test(raw['site']) ? raw['site'] : 'invalid';
  return SiteConfig.parse({
    site,
    policyUrl: typeof raw['policyUrl'] === 'string' && raw['policyUrl'] ? raw['policyUrl'] : '/',
    categories: [{ id: 'necessary', title: 'Necessary', description: '', necessary: true }],
  });
}

/** Cross-field rules a schema cannot say on its own. */
function semanticIssues(config: SiteConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const services = new Set<string>();
  config.categories.forEach((cat, i) => {
    if (seen.has(cat.id)) issues.push({ path: `categories[${i}].id`, message: 'duplicate category id', value: cat.id });
    seen.add(cat.id);
    cat.services.forEach((svc, j) => {
      if (services.has(svc.id)) issues.push({ path: `categories[${i}].services[${j}].id`, message: 'duplicate service id', value: svc.id });
      services.add(svc.id);
    });
    if (cat.necessary && cat.gpc) issues.push({ path: `categories[${i}].gpc`, message: 'a necessary category cannot be refused through GPC', value: true });
    [...cat.cookies, ...cat.services.flatMap((s) => s.cookies)].forEach((c) => {
      if (!c.pattern) return;
      try {
        new RegExp(c.name);
      } catch {
        issues.push({ path: `categories[${i}]`, message: `invalid cookie pattern ${c.name}`, value: c.name });
      }
    });
  });
  if (config.consentMode) {
    for (const [signal, cats] of Object.entries(config.consentMode.mapping)) {
      cats.forEach((c, k) => {
        if (!seen.has(c)) issues.push({ path: `consentMode.mapping.${signal}[${k}]`, message: 'unknown category', value: c });
      });
    }
  }
  return issues;
}

/**
 * Validates a site config. Never throws; on failure logs one console error listing every
 * issue as `path: message (got value)` and returns the safe config.
 */
export function parseConfig(input: unknown, log: Pick<Console, 'error'> = console): ParsedConfig {
  const result = SiteConfig.safeParse(input);
  let issues: ConfigIssue[];
  if (result.success) {
    issues = semanticIssues(result.data);
    if (!issues.length) return { ok: true, config: result.data, issues: [] };
  } else {
    issues = result.error.issues.map((iss) => ({
      path: formatPath(iss.path),
      message: issueMessage(iss),
      value: valueAt(input, iss.path),
    }));
  }
  log.error(
    `[consentkit] Invalid config; nothing non-essential will load until it is fixed:\n` +
      issues.map((i) => `  ${i.path}: ${i.message} (got ${safeStringify(i.value)})`).join('\n'),
  );
  return { ok: false, config: safeConfig(input), issues };
}

/**
 * A readable message for a zod issue. zod/mini ships no locale (every message is
 * "Invalid input"), so the common codes are spelled out here; custom messages pass through.
 */
export function issueMessage(iss: z.core.$ZodIssue): string {
  if (iss.message && iss.message !== 'Invalid input') return iss.message;
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${iss.expected}`;
    case 'too_small':
      return `expected ${iss.origin === 'array' ? 'at least ' + String(iss.minimum) + ' item(s)' : iss.origin === 'string' ? 'at least ' + String(iss.minimum) + ' character(s)' : '>= ' + String(iss.minimum)}`;
    case 'too_big':
      return `expected ${iss.origin === 'array' ? 'at most ' + String(iss.maximum) + ' item(s)' : iss.origin === 'string' ? 'at most ' + String(iss.maximum) + ' character(s)' : '<= ' + String(iss.maximum)}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `expected ${iss.format}`;
    case 'unrecognized_keys':
      return `unknown key(s) ${iss.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return iss.message || iss.code;
  }
}

function safeStringify(v: unknown): string {
  try {
    return v === undefined ? 'undefined' : JSON.stringify(v).slice(0, 80);
  } catch {
    return String(v);
  }
}

/** Resolve a LocalizedText for a language (exact → base language → default → first). */
export function localize(text: LocalizedText | undefined, lang: string, fallback = 'en'): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text[lang.split('-')[0]!] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** Ids of categories that can be refused. */
export function optionalCategories(config: SiteConfig): string[] {
  return config.categories.filter((c) => !c.necessary).map((c) => c.id);
}
