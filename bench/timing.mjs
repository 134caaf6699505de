// Time to banner visible, long tasks and layout shift, for the same page with each banner.
// Headless Chromium (playwright-core), a fresh context per load, A/B/C interleaved per round.
// "Visible" = the banner's accept button has a box and is the element hit at its centre
// (painted and clickable), stamped by a requestAnimationFrame probe from navigation start.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test-support/chromium.mjs';

/** Accept-button paths (each step descends into the previous element's shadow root). */
export const BANNERS = {
  consentkit: { page: '/consentkit.html', accept: ['ck-consent-banner', '[data-action="accept_all"], [part~="accept-all"]'] },
  vanilla: { page: '/vanilla.html', accept: ['#cc-main .cm__btn[data-role="all"]'] },
  klaro: { page: '/klaro.html', accept: ['.klaro .cookie-notice .cm-btn-success, .klaro .cm-btn.cm-btn-success'] },
};

function probe(path) {
  const b = (window.__bench = { visible: null, longTasks: [], cls: 0 });
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => b.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (b.cls += e.value))).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const find = () => {
    let root = document;
    let el = null;
    for (const sel of path) {
      if (!root) return null;
      el = root.querySelector(sel);
      if (!el) return null;
      root = el.shadowRoot;
    }
    return el;
  };
  const hit = (x, y) => {
    let h = document.elementFromPoint(x, y);
    while (h && h.shadowRoot) {
      const inner = h.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === h) break;
      h = inner;
    }
    return h;
  };
  const tick = () => {
    const el = find();
    if (el) {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && Number(s.opacity) > 0.5) {
        const h = hit(r.x + r.width / 2, r.y + r.height / 2);
        if (h && (h === el || el.contains(h))) {
          b.visible = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/**
 * @param {string} origin where bench/pages and the scripts are served
 * @param {{ rounds?: number, profiles?: string[] }} opts
 */
export async function measureTiming(origin, { rounds = 20, profiles = ['desktop', 'phone'] } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  const results = {};
  try {
    for (const profile of profiles) {
      const samples = Object.fromEntries(Object.keys(BANNERS).map((k) => [k, { visible: [], longTaskMs: [], cls: [], failed: 0 }]));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so no banner always goes first.
        const names = Object.keys(BANNERS);
        const order = names.map((_, i) => names[(i + round) % names.length]);
        for (const name of order) {
          const { page: path, accept } = BANNERS[name];
          const context = await browser.newContext();
          const page = await context.newPage();
          if (profile === 'phone') {
            const cdp = await context.newCDPSession(page);
            await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
          }
          await page.addInitScript(probe, accept);
          await page.goto(origin + path);
          try {
            await page.waitForFunction(() => window.__bench.visible !== null, null, { timeout: 20_000, polling: 50 });
            await page.waitForTimeout(300); // let late long tasks / shifts land
            const b = await page.evaluate(() => window.__bench);
            samples[name].visible.push(b.visible);
            samples[name].longTaskMs.push(b.longTasks.reduce((a, x) => a + x, 0));
            samples[name].cls.push(b.cls);
          } catch {
            samples[name].failed++;
          }
          await context.close();
        }
      }
      results[profile] = Object.fromEntries(
        Object.entries(samples).map(([k, s]) => [
          k,
          { n: s.visible.length, failed: s.failed, visibleMs: median(s.visible), longTaskMs: median(s.longTaskMs), cls: median(s.cls) },
        ]),
      );
    }
  } finally {
    await browser.close();
  }
  return results;
}
