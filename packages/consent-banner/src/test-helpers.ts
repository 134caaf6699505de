// Shared helpers of this package's browser tests (not part of the build: imported by *.test.ts only).
import { createClient, type Client, type SiteConfigInput } from '@consentkit/core';

export const baseConfig: SiteConfigInput = {
  site: 'demo',
  policyUrl: '/privacy',
  // Nothing listens here: records stay in the outbox, so tests can count them.
  endpoint: 'http://127.0.0.1:9',
  // Own cookie name: other test files run in parallel pages of the same origin.
  cookie: { name: 'ck_banner_test' },
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'Keeps the site running.', necessary: true, cookies: [{ name: 'ck_consent', provider: 'This site', purpose: 'Your choice', duration: '6 months' }] },
    { id: 'analytics', title: 'Analytics', description: 'Audience measurement.', gpc: true, cookies: [{ name: '_ga', provider: 'Google', purpose: 'Statistics', duration: '13 months' }] },
    { id: 'media', title: 'Media', description: 'Videos.', services: [{ id: 'youtube', name: 'YouTube', provider: 'Google Ireland' }, { id: 'vimeo', name: 'Vimeo', provider: 'Vimeo Inc.' }] },
  ],
};

export function reset(): void {
  document.cookie = 'ck_banner_test=; max-age=0; path=/';
  data.clear();
}

export function makeClient(over: Partial<SiteConfigInput> = {}, gpc = false): Client {
  return createClient({ ...baseConfig, ...over }, { start: false, retries: 0, gpc, outbox: { retryDelay: 60_000 }, storage: mem });
}
// The outbox queue lives in memory here (localStorage is shared with parallel test pages).
const data = new Map<string, string>();
const mem = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
export function clearQueue(): void {
  data.clear();
}

export async function waitFor<T>(cond: () => T, ms = 4000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = cond();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Deepest focused element. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function lum(rgb: string): number {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** WCAG contrast ratio of two computed colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
