/**
 * Lazy chunk: the full client (zod-validated config), the banner UI and the element chunks.
 * Loaded by consentkit.js only when needed: no valid stored choice, the visitor asks for the
 * preferences, an API call needs it, or a consentkit element is on the page.
 */
import { createClient, rememberConfig, type Client, type ConsentState } from '@consentkit/core';
import { provideClient } from '@consentkit/core/lit';
import { useNamespace } from '@consentkit/core/i18n';
import { createGate, type Activator } from '@consentkit/consent-banner/gate';
// Static, not lazy: every start shows the banner, so its chunk loads beside this one instead
// of after it (one network round trip less before the banner is visible).
import { bannerLocales } from '@consentkit/consent-banner/define';
import { elements } from './elements.js';

export interface StartOptions {
  /** The config text as found on the page (the cache key). */
  text: string;
  raw: unknown;
  /** The loader's activator (applied a stored choice); the full gate takes over from it. */
  gate?: Activator | undefined;
  /** The loader drew its own re-open button. */
  noReopen?: boolean;
}

export interface Runtime {
  client: Client;
  banner: HTMLElementTagNameMap['ck-consent-banner'];
  showPreferences(): Promise<void>;
  acceptAll(): Promise<ConsentState | undefined>;
  rejectAll(): Promise<ConsentState | undefined>;
  define(tag: string): Promise<unknown> | undefined;
}

const bodyReady = () =>
  new Promise<void>((ok) => (document.body ? ok() : addEventListener('DOMContentLoaded', () => ok(), { once: true })));

export async function start(opts: StartOptions): Promise<Runtime> {
  const client = createClient(opts.raw);
  // Fetch the banner's strings now, while the page is still parsing; the banner (appended to
  // <body>, which has the page's language) finds them loaded.
  useNamespace(client, 'consent-banner', bannerLocales, document.documentElement).catch(() => {}); // the banner reports a failure itself
  opts.gate?.stop();
  // Elements the loader activated are marked data-ck-active: nothing runs twice.
  const gate = createGate({ config: client.config, state: client.consent.get() });
  client.consent.subscribe((s) => {
    gate.update(s);
    // The config text is trusted without zod on later pages only once it passed validation
    // here and the visitor decided (never before a choice: R19).
    if (client.configOk) rememberConfig(opts.text, client.config);
  });
  await bodyReady();
  provideClient(document.body, client);
  const banner = document.createElement('ck-consent-banner');
  banner.client = client;
  banner.noReopen = !!opts.noReopen;
  document.body.append(banner);
  await banner.updateComplete;
  return {
    client,
    banner,
    showPreferences: () => banner.showPreferences(),
    acceptAll: () => banner.acceptAll('api'),
    rejectAll: () => banner.rejectAll('api'),
    define: (tag) => elements[tag]?.(),
  };
}
