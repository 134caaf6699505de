// What a page really downloads from consentkit: every response under a URL prefix, recorded in
// Chromium, each body compressed on its own (as a server would send it) and summed.
import { bytes } from './size.mjs';

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {{ prefix: string, act?: (page: import('playwright-core').Page) => Promise<void>, settle?: number }} opts
 */
export async function pageBytes(context, url, { prefix, act, settle = 500 }) {
  const page = await context.newPage();
  const bodies = new Map();
  page.on('response', async (res) => {
    const u = new URL(res.url());
    if (!u.pathname.startsWith(prefix)) return;
    try {
      bodies.set(u.pathname, await res.body());
    } catch {}
  });
  await page.goto(url, { waitUntil: 'load' });
  if (act) await act(page);
  await page.waitForTimeout(settle);
  await page.close();
  const total = { raw: 0, gzip: 0, brotli: 0, files: [...bodies.keys()].sort() };
  for (const buf of bodies.values()) {
    const b = bytes(buf);
    total.raw += b.raw;
    total.gzip += b.gzip;
    total.brotli += b.brotli;
  }
  return total;
}
