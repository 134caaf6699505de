/**
 * The consent cookie. Holds the visitor's choice (granted and denied categories, granted
 * services), the config revision it was given for, a stable consentId, and when it expires.
 *
 * Read is strict: a corrupt, truncated, edited (checksum), wrong-type, expired, other-revision,
 * or incomplete value (a category or service added since) reads as `null` — "no consent" —
 * never as granted. Refusal is stored exactly like consent, with the same lifetime.
 */
import Cookies from 'js-cookie';
import type { SiteConfig } from './config.js';
import type { ConsentAction } from './wire.js';

export interface ConsentState {
  consentId: string;
  revision: number;
  /** Granted category ids (necessary ones included). */
  granted: string[];
  /** Refused category ids. */
  denied: string[];
  /** Granted service ids. */
  services: string[];
  action: ConsentAction;
  /** The choice was shaped by Global Privacy Control. */
  gpc: boolean;
  /** ms since epoch */
  updatedAt: number;
  expiresAt: number;
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS: readonly string[] = ['accept_all', 'reject_all', 'custom', 'withdraw'];
const DAY = 86_400_000;

/** FNV-1a (32 bit), hex: a checksum that catches edited or truncated values. Not a signature. */
export function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

interface Wire {
  v: 1;
  i: string;
  r: number;
  g: string[];
  d: string[];
  s: string[];
  a: string;
  p: 0 | 1;
  t: number;
  x: number;
}
const body = (w: Wire) => JSON.stringify([w.v, w.i, w.r, w.g, w.d, w.s, w.a, w.p, w.t, w.x]);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

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
  const known = new Set(config.categories.map((c) => c.id));
  let id: string | undefined;

  function raw(): Record<string, unknown> | null {
    const value = jar.get(name);
    if (!value || value.length > 3800) return null;
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  function read(): ConsentState | null {
    const w = raw() as Partial<Wire> & { h?: unknown } | null;
    if (!w) return null;
    if (w.v !== 1 || typeof w.i !== 'string' || !UUID.test(w.i)) return null;
    if (w.r !== config.revision) return null;
    if (!strings(w.g) || !strings(w.d) || !strings(w.s) || typeof w.a !== 'string' || !ACTIONS.includes(w.a)) return null;
    if ((w.p !== 0 && w.p !== 1) || typeof w.t !== 'number' || typeof w.x !== 'number') return null;
    if (w.h !== checksum(body(w as Wire))) return null;
    const t = now();
    if (w.x <= t || w.t > t + DAY || w.x - w.t > lifetimeDays * DAY + DAY) return null;
    if (w.g.some((c) => w.d!.includes(c))) return null;
    // Every optional category, and every service of a granted one, must have been decided.
    for (const cat of optional) {
      const g = w.g.includes(cat.id);
      if (!g && !w.d.includes(cat.id)) return null;
      if (g && cat.services.some((s) => !w.s!.includes(s.id))) return null;
    }
    return {
      consentId: w.i,
      revision: w.r,
      granted: [...new Set([...necessary, ...w.g.filter((c) => known.has(c))])],
      denied: w.d.filter((c) => known.has(c)),
      services: w.s,
      action: w.a as ConsentAction,
      gpc: w.p === 1,
      updatedAt: w.t,
      expiresAt: w.x,
    };
  }

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
