/**
 * Reading the consent cookie, without js-cookie or anything else: what the one-script-tag
 * loader runs on every page. Writing (and the full store) is in consent-store.ts.
 *
 * Read is strict: a corrupt, truncated, edited (checksum), wrong-type, expired, other-revision,
 * or incomplete value (a category or service added since) reads as `null` — "no consent" —
 * never as granted.
 */
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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS: readonly string[] = ['accept_all', 'reject_all', 'custom', 'withdraw'];
export const DAY = 86_400_000;

/** FNV-1a (32 bit), hex: a checksum that catches edited or truncated values. Not a signature. */
export function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export interface Wire {
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
export const body = (w: Wire) => JSON.stringify([w.v, w.i, w.r, w.g, w.d, w.s, w.a, w.p, w.t, w.x]);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The cookie's value as an object (null: absent, oversized or not a JSON object). */
export function parseCookie(value: string | undefined): Record<string, unknown> | null {
  if (!value || value.length > 3800) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The valid choice stored in `value` for this config at time `t`, or null ("no consent"). */
export function readConsent(config: SiteConfig, value: string | undefined, t: number): ConsentState | null {
  const w = parseCookie(value) as (Partial<Wire> & { h?: unknown }) | null;
  if (!w) return null;
  if (w.v !== 1 || typeof w.i !== 'string' || !UUID.test(w.i)) return null;
  if (w.r !== config.revision) return null;
  if (!strings(w.g) || !strings(w.d) || !strings(w.s) || typeof w.a !== 'string' || !ACTIONS.includes(w.a)) return null;
  if ((w.p !== 0 && w.p !== 1) || typeof w.t !== 'number' || typeof w.x !== 'number') return null;
  if (w.h !== checksum(body(w as Wire))) return null;
  if (w.x <= t || w.t > t + DAY || w.x - w.t > config.cookie.lifetimeDays * DAY + DAY) return null;
  if (w.g.some((c) => w.d!.includes(c))) return null;
  // Every optional category, and every service of a granted one, must have been decided.
  const known = new Set(config.categories.map((c) => c.id));
  for (const cat of config.categories) {
    if (cat.necessary) continue;
    const g = w.g.includes(cat.id);
    if (!g && !w.d.includes(cat.id)) return null;
    if (g && cat.services.some((s) => !w.s!.includes(s.id))) return null;
  }
  const necessary = config.categories.filter((c) => c.necessary).map((c) => c.id);
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

/** One cookie's value from document.cookie, percent-decoded as js-cookie wrote it. */
export function readCookie(name: string): string | undefined {
  for (const c of document.cookie.split('; ')) {
    const i = c.indexOf('=');
    if (c.slice(0, i) !== name) continue;
    try {
      return decodeURIComponent(c.slice(i + 1));
    } catch {
      return undefined; // malformed: reads as no consent
    }
  }
  return undefined;
}
