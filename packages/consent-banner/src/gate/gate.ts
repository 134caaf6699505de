/**
 * The gate: holds back marked elements until their category (and service) is granted, for
 * elements present at start and added later (MutationObserver). Headless and Lit-free: the
 * one-script-tag loader runs it on every page.
 *
 * Markup:
 *   <script type="text/plain" data-ck-category="analytics" src="…">   (or inline; `data-src` too)
 *   <script type="text/plain" data-ck-category="analytics" data-ck-type="module" src="…">
 *   <link rel="stylesheet" data-ck-category="fonts" data-href="https://fonts.googleapis.com/…">
 *   <iframe data-ck-category="media" data-src="…">, <img data-ck-category="media" data-src="…">
 *   data-ck-service="youtube" on any of them: also needs that service.
 * Scripts run in document order, each at most once, with their nonce. On revocation, declared
 * cookies of every refused category/service are deleted, iframes/images/stylesheets go back to
 * their held state, Consent Mode gets `update`, and the page reloads when configured and
 * something of that category already ran (a script that ran cannot be unloaded).
 */
import type { ConsentState, DeclaredCookie, SiteConfig } from '@consentkit/core/lite';
import { consentUpdate } from './consent-mode.js';
import { deleteCookies } from './cookies.js';

export const GATED = '[data-ck-category]:not([data-ck-active])';
/** Fired on an element (bubbling) once the gate activated it. */
export const ACTIVATED = 'ck-activated';

export interface GateOptions {
  config: SiteConfig;
  /** The stored choice at start (null: none). */
  state?: ConsentState | null;
  root?: Document;
  /** Called instead of `location.reload()` when a revocation needs a reload. */
  reload?: () => void;
  /** Watch for elements added later (default true). */
  observe?: boolean;
  /** Activate what the initial state grants right away (default true). */
  scan?: boolean;
}

export interface Gate {
  /** Apply a new consent state (activate what it grants, undo what it revokes). */
  update(state: ConsentState | null): void;
  /** Is this category (and service) granted by the current state? */
  granted(category: string, service?: string | null): boolean;
  /** Activate `el` and the gated elements inside it once, whatever the consent ("load this once"). */
  loadOnce(el: Element): void;
  /** Activate what is granted inside `root` now (the observer does this for added nodes). */
  scan(root?: ParentNode): void;
  /** Resolves when the scripts activated so far have run (loaded or failed). */
  settled(): Promise<void>;
  stop(): void;
}

type Held = HTMLElement & { dataset: DOMStringMap };

export function createGate(options: GateOptions): Gate {
  const { config } = options;
  const doc = options.root ?? document;
  const necessary = new Set(config.categories.filter((c) => c.necessary).map((c) => c.id));
  let state: ConsentState | null = options.state ?? null;
  let chain: Promise<void> = Promise.resolve();
  /** Categories with something that ran (or is shown) on this page. */
  const ran = new Set<string>();

  function granted(category: string, service?: string | null): boolean {
    if (necessary.has(category)) return true;
    if (!state) return false;
    return service ? state.services.includes(service) : state.granted.includes(category);
  }

  function mark(el: Element): void {
    el.setAttribute('data-ck-active', '');
    ran.add(el.getAttribute('data-ck-category') ?? '');
    el.dispatchEvent(new Event(ACTIVATED, { bubbles: true }));
  }

  function runScript(old: HTMLScriptElement): Promise<void> {
    const s = doc.createElement('script');
    for (const a of Array.from(old.attributes)) {
      if (a.name === 'type' || a.name === 'nonce' || a.name === 'data-src' || a.name === 'data-ck-type') continue;
      s.setAttribute(a.name, a.value);
    }
    const type = old.getAttribute('data-ck-type');
    if (type) s.type = type;
    if (old.nonce) s.nonce = old.nonce;
    const src = old.getAttribute('src') ?? old.getAttribute('data-src');
    let done: Promise<void> = Promise.resolve();
    if (src) {
      s.src = src;
      if (!old.hasAttribute('async')) s.async = false;
      done = new Promise((ok) => {
        s.addEventListener('load', () => ok(), { once: true });
        s.addEventListener('error', () => ok(), { once: true });
      });
    } else {
      s.text = old.text;
    }
    s.setAttribute('data-ck-active', '');
    old.setAttribute('data-ck-active', '');
    old.replaceWith(s);
    mark(s);
    // An async script does not hold back the ones after it.
    return old.hasAttribute('async') ? Promise.resolve() : done;
  }

  function activate(el: Held): void {
    if (el.hasAttribute('data-ck-active')) return;
    if (el instanceof HTMLScriptElement) {
      if (el.type !== 'text/plain') return;
      el.setAttribute('data-ck-active', '');
      chain = chain.then(() => {
        el.removeAttribute('data-ck-active');
        return runScript(el);
      });
      return;
    }
    const href = el.getAttribute('data-href');
    const src = el.getAttribute('data-src');
    if (href != null) el.setAttribute('href', href);
    if (src != null) el.setAttribute('src', src);
    if (href == null && src == null) return;
    mark(el);
  }

  function held(el: Element): void {
    // Undo an activation that can be undone (revocation).
    if (el instanceof HTMLScriptElement) return;
    const href = el.getAttribute('data-href');
    const src = el.getAttribute('data-src');
    if (href != null) el.removeAttribute('href');
    if (src != null) {
      if (el instanceof HTMLIFrameElement) el.setAttribute('src', 'about:blank');
      el.removeAttribute('src');
    }
    el.removeAttribute('data-ck-active');
  }

  function list(root: ParentNode): Held[] {
    const out: Held[] = [];
    if (root instanceof Element && root.matches(GATED)) out.push(root as Held);
    out.push(...Array.from(root.querySelectorAll<Held>(GATED)));
    return out;
  }

  function scan(root: ParentNode = doc): void {
    for (const el of list(root)) {
      if (granted(el.getAttribute('data-ck-category') ?? '', el.getAttribute('data-ck-service'))) activate(el);
    }
  }

  function revokedCookies(): DeclaredCookie[] {
    const out: DeclaredCookie[] = [];
    for (const c of config.categories) {
      if (c.necessary) continue;
      if (!granted(c.id)) out.push(...c.cookies);
      for (const s of c.services) if (!granted(c.id, s.id)) out.push(...s.cookies);
    }
    return out;
  }

  function update(next: ConsentState | null): void {
    const prev = state;
    state = next;
    const revoked = prev ? prev.granted.filter((c) => !granted(c)) : [];
    // Undo what can be undone for revoked categories and services.
    for (const el of Array.from(doc.querySelectorAll('[data-ck-category][data-ck-active]'))) {
      if (!granted(el.getAttribute('data-ck-category') ?? '', el.getAttribute('data-ck-service'))) held(el);
    }
    if (next) {
      deleteCookies(revokedCookies(), doc, [config.cookie.name]);
      consentUpdate(config, next, doc.defaultView ?? window);
    }
    scan();
    const reloadFor = revoked.filter(
      (c) => ran.has(c) && (config.banner.reloadOnRevoke || config.categories.some((x) => x.id === c && x.reloadOnRevoke)),
    );
    if (reloadFor.length) void chain.then(() => (options.reload ?? (() => location.reload()))());
  }

  let observer: MutationObserver | undefined;
  if (options.observe !== false) {
    observer = new MutationObserver((records) => {
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n instanceof Element) scan(n);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  }
  if (options.scan !== false) scan();

  return {
    update,
    granted,
    loadOnce(el) {
      for (const x of list(el)) activate(x);
    },
    scan,
    settled: () => chain,
    stop: () => observer?.disconnect(),
  };
}
