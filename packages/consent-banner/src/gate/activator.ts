/**
 * The activating half of the gate (what the loader runs on every page): turns held elements
 * into live ones when their category/service is granted, in document order, once each. The
 * revoking half (cookies, undo, reload) is in gate.ts and loads with the UI.
 */
import type { ConsentState, SiteConfig } from '@consentkit/core/lite';

export const GATED = '[data-ck-category]:not([data-ck-active])';
/** Fired on an element (bubbling) once the gate activated it. */
export const ACTIVATED = 'ck-activated';

export interface ActivatorOptions {
  config: SiteConfig;
  /** The stored choice at start (null: none). */
  state?: ConsentState | null;
  root?: Document;
  /** Watch for elements added later (default true). */
  observe?: boolean;
  /** Activate what the initial state grants right away (default true). */
  scan?: boolean;
}

export interface Activator {
  /** Is this category (and service) granted by the current state? */
  granted(category: string, service?: string | null): boolean;
  /** Replace the state (does not scan). */
  setState(state: ConsentState | null): void;
  /** Activate `el` and the gated elements inside it once, whatever the consent ("load this once"). */
  loadOnce(el: Element): void;
  /** Activate what is granted inside `root` now (the observer does this for added nodes). */
  scan(root?: ParentNode): void;
  /** Resolves when the scripts activated so far have run (loaded or failed). */
  settled(): Promise<void>;
  stop(): void;
}

type Held = HTMLElement & { dataset: DOMStringMap };

export function createActivator(options: ActivatorOptions): Activator {
  const { config } = options;
  const doc = options.root ?? document;
  const necessary = new Set(config.categories.filter((c) => c.necessary).map((c) => c.id));
  let state: ConsentState | null = options.state ?? null;
  let chain: Promise<void> = Promise.resolve();

  function granted(category: string, service?: string | null): boolean {
    if (necessary.has(category)) return true;
    if (!state) return false;
    return service ? state.services.includes(service) : state.granted.includes(category);
  }

  function mark(el: Element): void {
    el.setAttribute('data-ck-active', '');
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

  let observer: MutationObserver | undefined;
  if (options.observe !== false) {
    observer = new MutationObserver((records) => {
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n instanceof Element) scan(n);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  }
  if (options.scan !== false) scan();

  return {
    granted,
    setState(s) {
      state = s;
    },
    loadOnce(el) {
      for (const x of list(el)) activate(x);
    },
    scan,
    settled: () => chain,
    stop: () => observer?.disconnect(),
  };
}
