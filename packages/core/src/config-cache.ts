/**
 * Lets the one-script-tag loader skip zod on a returning visit without ever trusting an
 * unvalidated config: once a config text passed `parseConfig` (first visit, UI loaded), its
 * parsed form is remembered under a fingerprint of the text, when the visitor decides (never
 * before a choice: R19). On later pages the loader hashes the config text; an identical text
 * reuses the validated config, any change goes through full validation again.
 */
import { checksum } from './consent-cookie.js';
import type { SiteConfig } from './config.js';

const key = (site: string) => `ck_config:${site}`;

/** The validated config for exactly this config text, if one was remembered. */
export function cachedConfig(site: string, text: string, storage: Pick<Storage, 'getItem'> = localStorage): SiteConfig | null {
  try {
    const v = JSON.parse(storage.getItem(key(site)) ?? 'null') as { f?: string; c?: SiteConfig } | null;
    return v && v.f === checksum(text) + text.length && v.c ? v.c : null;
  } catch {
    return null;
  }
}

/** Remember that `text` parsed to `config` (call after a decision only). */
export function rememberConfig(text: string, config: SiteConfig, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(key(config.site), JSON.stringify({ f: checksum(text) + text.length, c: config }));
  } catch {
    /* storage full or blocked: the next page validates again */
  }
}
