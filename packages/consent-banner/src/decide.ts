/** Shared decision helpers of the banner, the preferences dialog and the embed placeholder. */
import { sha256Hex, type Client, type ConsentState } from '@consentkit/core';
import type { ConsentAction, ConsentSource } from '@consentkit/core/wire';

/** Optional categories "Accept all" grants: all but those GPC pre-denies. */
export function acceptable(client: Client): string[] {
  return client.config.categories.filter((c) => !c.necessary && !(client.gpc && c.gpc)).map((c) => c.id);
}

/** Categories Global Privacy Control pre-denies for this visitor. */
export function gpcDenied(client: Client): string[] {
  return client.gpc ? client.config.categories.filter((c) => !c.necessary && c.gpc).map((c) => c.id) : [];
}

/** The text a visitor saw in a shadow root, normalised (what the textHash proves). */
export function visibleText(root: ParentNode): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function decide(
  client: Client,
  d: { granted: string[]; services?: string[]; action: ConsentAction; source: ConsentSource; text: string; locale: string },
): Promise<ConsentState> {
  const textHash = await sha256Hex(d.text);
  return client.decide({
    granted: d.granted,
    ...(d.services ? { services: d.services } : {}),
    action: d.action,
    source: d.source,
    locale: d.locale,
    textHash,
    gpc: client.gpc,
  });
}

/** Deepest focused element (through shadow roots). */
export function activeElement(): HTMLElement | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a as HTMLElement | null;
}

export const loaders = {
  en: () => import('./locales/en.json'),
  fr: () => import('./locales/fr.json'),
  de: () => import('./locales/de.json'),
  es: () => import('./locales/es.json'),
  it: () => import('./locales/it.json'),
  nl: () => import('./locales/nl.json'),
  pt: () => import('./locales/pt.json'),
  pl: () => import('./locales/pl.json'),
  ar: () => import('./locales/ar.json'),
  he: () => import('./locales/he.json'),
};
