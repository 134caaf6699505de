/**
 * Google Consent Mode v2: `default` (every signal denied) before any Google tag, `update` on
 * every change. A signal is granted when every category mapped to it is granted.
 */
import type { ConsentState, SiteConfig } from '@consentkit/core/lite';

export const SIGNALS = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

type Gtag = (...args: unknown[]) => void;
type Win = Window & { dataLayer?: unknown[]; gtag?: Gtag };

function gtag(w: Win): Gtag {
  if (typeof w.gtag === 'function') return w.gtag;
  const dl = (w.dataLayer = w.dataLayer || []);
  // The Google tag reads Arguments objects from the dataLayer, not arrays.
  w.gtag = function () {
    // eslint-disable-next-line prefer-rest-params
    dl.push(arguments);
  };
  return w.gtag;
}

/** The Consent Mode signals for a state (null: nothing granted). */
export function signals(config: SiteConfig, state: Pick<ConsentState, 'granted'> | null): Record<string, 'granted' | 'denied'> {
  const mapping = (config.consentMode?.mapping ?? {}) as Record<string, string[] | undefined>;
  const out: Record<string, 'granted' | 'denied'> = {};
  for (const s of SIGNALS) {
    const cats = mapping[s];
    out[s] = state && cats && cats.length && cats.every((c) => state.granted.includes(c)) ? 'granted' : 'denied';
  }
  return out;
}

/** `gtag('consent', 'default', …all denied)`; call before any Google tag can load. */
export function consentDefault(config: SiteConfig, w: Window = window): void {
  if (!config.consentMode || config.consentMode.enabled === false) return;
  gtag(w as Win)('consent', 'default', signals(config, null));
}

/** `gtag('consent', 'update', …)` for the current state. */
export function consentUpdate(config: SiteConfig, state: Pick<ConsentState, 'granted'> | null, w: Window = window): void {
  if (!config.consentMode || config.consentMode.enabled === false) return;
  gtag(w as Win)('consent', 'update', signals(config, state));
}
