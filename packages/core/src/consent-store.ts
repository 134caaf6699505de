/**
 * The consent cookie. Holds the visitor's choice (granted and denied categories, granted
 * services), the config revision it was given for, a stable consentId, and when it expires.
 *
 * Written through js-cookie; read strictly by consent-cookie.ts (anything doubtful reads as
 * `null`, "no consent"). Refusal is stored exactly like consent, with the same lifetime.
 */
import Cookies from 'js-cookie';
import type { SiteConfig } from './config.js';
import type { ConsentAction } from './wire.js';
import { checksum, body, parseCookie, readConsent, UUID, DAY, type ConsentState, type Wire } from './consent-cookie.js';

export { checksum, type ConsentState } from './consent-cookie.js';

export interface ConsentChoice {
  /** Categories to grant; unknown ids are ignored, necessary ones always added. */
  granted: readonly string[];
  /** Services to grant; default: every service of each granted category. */
  services?: readonly string[] | undefined;
  action: ConsentAction;
  gpc?: boolean;
}

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, attributes: Cookies.CookieAttributes): unknown;
  remove(name: string, attributes?: Cookies.CookieAttributes): void;
}

export interface ConsentStore {
  /** The valid stored choice, or null ("no consent": show the banner, grant nothing). */
  get(): ConsentState | null;
  /** Stores a choice and notifies subscribers; returns the stored state. */
  set(choice: ConsentChoice): ConsentState;
  /** The visitor's stable id (kept across re-prompts while the cookie is readable). */
  consentId(): string;
  /** Is this category (or this service) granted right now? Necessary categories always are. */
  isGranted(category: string, service?: string): boolean;
  subscribe(listener: (state: ConsentState, previous: ConsentState | null) => void): () => void;
}

export function createConsentStore(
  config: SiteConfig,
  options: { jar?: CookieJar; now?: () => number; secure?: boolean } = {},
): ConsentStore {
  const jar: CookieJar = options.jar ?? Cookies;
  const now = options.now ?? Date.now;
  const { name, domain, path, lifetimeDays } = config.cookie;
  const listeners = new Set<(s: ConsentState, p: ConsentState | null) => void>();
  const necessary = config.categories.filter((c) => c.necessary).map((c) => c.id);
  const optional = config.categories.filter((c) => !c.necessary);
  let id: string | undefined;

  const raw = () => parseCookie(jar.get(name));
  const read = () => readConsent(config, jar.get(name), now());

  function consentId(): string {
    if (id) return id;
    const w = raw();
    id = typeof w?.['i'] === 'string' && UUID.test(w['i']) ? w['i'] : crypto.randomUUID();
    return id;
  }

  function set(choice: ConsentChoice): ConsentState {
    const previous = read();
    const wanted = new Set(choice.granted);
    const allServices = optional.flatMap((c) => c.services.map((s) => ({ cat: c.id, id: s.id })));
    let services = choice.services
      ? allServices.filter((s) => choice.services!.includes(s.id))
      : allServices.filter((s) => wanted.has(s.cat));
    // A category counts as granted only when all its services are.
    const granted = optional
      .filter((c) => (c.services.length ? c.services.every((s) => services.some((x) => x.id === s.id)) : wanted.has(c.id)))
      .map((c) => c.id);
    services = services.filter((s) => choice.services || granted.includes(s.cat));
    const t = now();
    const w: Wire = {
      v: 1,
      i: consentId(),
      r: config.revision,
      g: granted,
      d: optional.map((c) => c.id).filter((c) => !granted.includes(c)),
      s: services.map((s) => s.id),
      a: choice.action,
      p: choice.gpc ? 1 : 0,
      t,
      x: t + lifetimeDays * DAY,
    };
    const secure = options.secure ?? (typeof location !== 'undefined' && location.protocol === 'https:');
    jar.set(name, JSON.stringify({ ...w, h: checksum(body(w)) }), {
      expires: new Date(w.x),
      path,
      sameSite: 'Lax',
      secure,
      ...(domain ? { domain } : {}),
    });
    const state = read();
    if (!state) throw new Error('[consentkit] the consent cookie could not be written (cookies blocked?)');
    for (const l of listeners) l(state, previous);
    return state;
  }

  function isGranted(category: string, service?: string): boolean {
    if (necessary.includes(category)) return true;
    const s = read();
    if (!s) return false;
    return service ? s.services.includes(service) && optional.some((c) => c.id === category && c.services.some((x) => x.id === service)) : s.granted.includes(category);
  }

  return {
    get: read,
    set,
    consentId,
    isGranted,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
