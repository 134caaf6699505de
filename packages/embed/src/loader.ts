/**
 * consentkit.js — the one-script-tag loader (a classic script, first in <head>).
 *
 * On every page: reads the config (`<script type="application/json" id="consentkit-config">`,
 * `data-site` / `data-endpoint` / `data-policy-url` on this script tag override it), sends
 * Consent Mode `default` (denied) before any tag, and — when this exact config text was
 * validated on an earlier page and the visitor's stored choice is valid — applies that choice at
 * once through the gate, without zod, Lit or any UI. Everything else is lazy, from chunks next
 * to this file: `ui.js` (client + banner) when there is no valid choice, when the visitor asks
 * for the preferences or when a consentkit element is on the page; `send.js` when consent
 * records are still queued.
 */
import { cachedConfig, readConsent, readCookie, type ConsentState, type SiteConfig } from '@consentkit/core/lite';
import { consentDefault, consentUpdate, createActivator, watchLeaks, type Activator } from '@consentkit/consent-banner/gate';
import { reopenLabels } from './reopen-labels.js';
import type { Runtime } from './ui.js';

declare const __DEV__: boolean;

interface Api {
  showPreferences(): Promise<void>;
  acceptAll(): Promise<ConsentState | undefined>;
  rejectAll(): Promise<ConsentState | undefined>;
  getConsent(): ConsentState | null;
  on(type: 'change', cb: (state: ConsentState) => void): () => void;
}

declare global {
  interface Window {
    consentkit?: Api;
    __zod_globalConfig?: { jitless?: boolean };
  }
}

(() => {
  if (window.consentkit) return;
  const me = document.currentScript as HTMLScriptElement | null;
  const base = new URL('.', me?.src || location.href).href;
  // zod must never try `new Function` (strict CSP: no 'unsafe-eval').
  (window.__zod_globalConfig ||= {}).jitless = true;

  let text = document.getElementById('consentkit-config')?.textContent ?? '{}';
  let raw: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object') raw = v as Record<string, unknown>;
  } catch {
    /* ui.js reports the invalid config */
  }
  const data = me?.dataset ?? {};
  let overridden = false;
  for (const k of ['site', 'endpoint', 'policyUrl']) {
    if (!data[k]) continue;
    raw[k] = data[k];
    overridden = true;
  }
  if (overridden) text = JSON.stringify(raw);
  const site = typeof raw['site'] === 'string' ? raw['site'] : '';

  // Before any tag: every Consent Mode signal denied.
  consentDefault(raw as unknown as SiteConfig);

  const config = site ? cachedConfig(site, text) : null;
  const stored = () => (config ? readConsent(config, readCookie(config.cookie.name), Date.now()) : null);
  const state = stored();
  let gate: Activator | undefined;
  if (config) {
    gate = createActivator({ config, state });
    if (state) consentUpdate(config, state);
  }

  let runtime: Promise<Runtime> | undefined;
  let ready: Runtime | undefined;
  let reopen: HTMLElement | undefined;
  function ui(): Promise<Runtime> {
    runtime ||= (import(base + 'ui.js') as Promise<typeof import('./ui.js')>)
      .then((m) => m.start({ text, raw, gate, noReopen: !!reopen }))
      .then((r) => (ready = r));
    return runtime;
  }

  if (__DEV__) {
    const optional = (config?.categories ?? []).filter((c) => !c.necessary).map((c) => c.id);
    watchLeaks({
      allow: typeof raw['endpoint'] === 'string' && /^https?:/.test(raw['endpoint']) ? [new URL(raw['endpoint']).origin] : [],
      allGranted: () => {
        const s = ready?.client.consent.get() ?? stored();
        return !!s && optional.length > 0 && optional.every((c) => s.granted.includes(c));
      },
    });
  }

  window.consentkit = {
    showPreferences: () => ui().then((r) => r.showPreferences()),
    acceptAll: () => ui().then((r) => r.acceptAll()),
    rejectAll: () => ui().then((r) => r.rejectAll()),
    getConsent: () => (ready ? ready.client.consent.get() : stored()),
    on(type, cb) {
      const name = `ck-consent-${type}`;
      const h = (e: Event) => cb((e as Event & { state: ConsentState }).state);
      addEventListener(name, h);
      return () => removeEventListener(name, h);
    },
  };

  // Any element with data-ck-open-preferences opens the preferences.
  document.addEventListener('click', (e) => {
    const t = (e.target as Element | null)?.closest?.('[data-ck-open-preferences]');
    if (!t) return;
    e.preventDefault();
    void window.consentkit!.showPreferences();
  });

  // consentkit elements on the page get their chunk (an embed whose content is loaded needs none).
  function scan(root: ParentNode): void {
    for (const el of Array.from(root.querySelectorAll(':not(:defined)'))) {
      const tag = el.localName;
      if (!tag.startsWith('ck-')) continue;
      if (tag === 'ck-consent-embed' && !el.querySelector('[data-ck-category]:not([data-ck-active])')) continue;
      void ui().then((r) => r.define(tag));
    }
  }

  function domReady(): void {
    if (state && config!.banner.reopenButton) reopen = drawReopen(config!);
    scan(document);
    new MutationObserver((rs) => {
      for (const r of rs) for (const n of Array.from(r.addedNodes)) if (n instanceof Element) scan(n.parentNode ?? n);
    }).observe(document.documentElement, { childList: true, subtree: true });
    // Consent records still queued from an earlier page.
    try {
      if (!runtime && config && JSON.parse(localStorage.getItem('ck_outbox:' + site) ?? '[]').length) {
        void (import(base + 'send.js') as Promise<typeof import('./send.js')>).then((m) => m.flushQueued(site, config.endpoint));
      }
    } catch {
      /* storage blocked */
    }
  }
  // No valid choice: the banner starts loading now, while the page is still being parsed.
  if (!state) void ui();
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', domReady, { once: true });
  else domReady();

  function drawReopen(c: SiteConfig): HTMLElement {
    // Not a ck- tag: the element scan must not load a chunk for it.
    const host = document.createElement('div');
    host.setAttribute('data-ck-reopen', '');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    // System colours follow the visitor's light or dark preference without a media query.
    sheet.replaceSync(
      `button{position:fixed;z-index:2147483000;bottom:1rem;inset-inline-start:1rem;width:3rem;height:3rem;border-radius:50%;` +
        `color-scheme:light dark;border:1px solid GrayText;background:Canvas;color:CanvasText;box-shadow:0 4px 24px #0004;cursor:pointer;padding:0}` +
        `button:focus-visible{outline:3px solid;outline-offset:2px}`,
    );
    root.adoptedStyleSheets = [sheet];
    root.innerHTML =
      '<button part="reopen" aria-haspopup="dialog"><svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24"><path fill="currentColor" d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5ZM7 11h3v3H7Zm4 4h3v3h-3Zm4-1h3v3h-3ZM9 6h3v3H9Z"/></svg></button>';
    const b = root.firstChild as HTMLButtonElement;
    const lang = (document.documentElement.lang || navigator.language || c.language.default).toLowerCase();
    const base2 = lang.split('-')[0]!;
    const label = c.text[lang]?.['consent-banner']?.['reopen'] ?? c.text[base2]?.['consent-banner']?.['reopen'] ?? reopenLabels[base2] ?? reopenLabels['en']!;
    b.setAttribute('aria-label', label);
    b.title = label;
    b.onclick = () => void window.consentkit!.showPreferences();
    document.body.append(host);
    return host;
  }
})();
