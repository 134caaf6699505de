/**
 * The gate: holds back marked elements until their category (and service) is granted, for
 * elements present at start and added later (MutationObserver), and undoes what a revocation
 * can undo. Headless and Lit-free.
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
import type { ConsentState, DeclaredCookie } from '@consentkit/core/lite';
import { createActivator, type Activator, type ActivatorOptions } from './activator.js';
import { consentUpdate } from './consent-mode.js';
import { deleteCookies } from './cookies.js';

export { GATED, ACTIVATED } from './activator.js';

export interface GateOptions extends ActivatorOptions {
  /** Called instead of `location.reload()` when a revocation needs a reload. */
  reload?: () => void;
}

export interface Gate extends Omit<Activator, 'setState'> {
  /** Apply a new consent state (activate what it grants, undo what it revokes). */
  update(state: ConsentState | null): void;
}

export function createGate(options: GateOptions): Gate {
  const { config } = options;
  const doc = options.root ?? document;
  const act = createActivator(options);
  const { granted } = act;
  let state: ConsentState | null = options.state ?? null;

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
    const live = Array.from(doc.querySelectorAll('[data-ck-category][data-ck-active]'));
    const ran = new Set(live.map((el) => el.getAttribute('data-ck-category')));
    act.setState(next);
    const revoked = prev ? prev.granted.filter((c) => !granted(c)) : [];
    for (const el of live) {
      if (!granted(el.getAttribute('data-ck-category') ?? '', el.getAttribute('data-ck-service'))) held(el);
    }
    if (next) {
      deleteCookies(revokedCookies(), doc, [config.cookie.name]);
      consentUpdate(config, next, doc.defaultView ?? window);
    }
    act.scan();
    const reloadFor = revoked.filter(
      (c) => ran.has(c) && (config.banner.reloadOnRevoke || config.categories.some((x) => x.id === c && x.reloadOnRevoke)),
    );
    if (reloadFor.length) void act.settled().then(() => (options.reload ?? (() => location.reload()))());
  }

  return { ...act, update };
}
