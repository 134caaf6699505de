/**
 * Development leak detector: warns in the console about each third-party resource the page
 * loaded while its category was not granted, naming the element that loaded it and the markup
 * fix. Only wired into development builds (`consentkit.dev.js`, or call it yourself).
 */
export interface LeakOptions {
  /** Origins that are not third parties (the page's, the consentkit API's). */
  allow?: readonly string[];
  /** True once the visitor granted every optional category (then nothing is a leak). */
  allGranted: () => boolean;
  warn?: (message: string) => void;
}

function describe(url: string): string {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[src],[href]'))) {
    const u = (el as HTMLScriptElement).src || (el as HTMLLinkElement).href;
    if (u !== url) continue;
    const tag = el.tagName.toLowerCase();
    const fix =
      tag === 'script'
        ? `<script type="text/plain" data-ck-category="…" src="${url}">`
        : tag === 'link'
          ? `<link rel="stylesheet" data-ck-category="…" data-href="${url}">`
          : `<${tag} data-ck-category="…" data-src="${url}">`;
    return `<${tag} ${tag === 'link' ? 'href' : 'src'}="${url}">; mark it: ${fix}`;
  }
  return `${url} (loaded by a script or style; gate whatever loads it with data-ck-category)`;
}

/** Starts watching (PerformanceObserver, buffered). Returns stop. */
export function watchLeaks(options: LeakOptions): () => void {
  if (typeof PerformanceObserver === 'undefined') return () => {};
  const allow = new Set([location.origin, ...(options.allow ?? [])]);
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const seen = new Set<string>();
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      let origin: string;
      try {
        origin = new URL(e.name).origin;
      } catch {
        continue;
      }
      if (allow.has(origin) || origin === 'null' || seen.has(e.name) || options.allGranted()) continue;
      seen.add(e.name);
      // The preload scanner can fetch before the parser created the element: name it once parsed.
      const name = e.name;
      const report = () => warn(`[consentkit] third-party resource loaded before consent: ${describe(name)}`);
      if (document.readyState === 'loading') addEventListener('DOMContentLoaded', report, { once: true });
      else report();
    }
  });
  po.observe({ type: 'resource', buffered: true });
  return () => po.disconnect();
}
