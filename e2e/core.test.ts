import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bundle, launch, openPage, serveStatic } from './harness.js';

const config = {
  site: 'demo',
  policyUrl: '/privacy',
  revision: 1,
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'n', necessary: true },
    { id: 'analytics', title: 'Analytics', description: 'a' },
  ],
};
const html = `<!doctype html><html lang="en"><head><title>core</title>
<script type="application/json" id="consentkit-config">${JSON.stringify(config)}</script>
<script type="module" src="/app.js"></script></head><body>core</body></html>`;

describe('core in Chromium (end to end)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  const records: unknown[] = [];

  beforeAll(async () => {
    const app = await bundle('e2e/fixtures/core-page.ts');
    site = await serveStatic({
      roots: {},
      routes: {
        '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html),
        '/app.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(app),
        '/v1/consents': (req, res) => {
          let body = '';
          req.on('data', (c) => (body += c)).on('end', () => {
            const r = JSON.parse(body);
            records.push(r);
            res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: r.id, receivedAt: new Date().toISOString() }));
          });
        },
      },
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('writes the consent cookie with the right attributes, reads it back after a reload, and posts one record', async () => {
    const p = await openPage(browser, `${site.origin}/`);
    expect(await p.context.cookies()).toEqual([]);
    expect(await p.page.evaluate(() => (window as any).ck.consent.get())).toBeNull();
    const before = Date.now();
    await p.page.evaluate(() =>
      (window as any).ck.decide({ granted: ['analytics'], action: 'accept_all', source: 'banner', locale: 'en', textHash: 'abcdef12' }),
    );
    const [cookie, ...others] = await p.context.cookies();
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({ name: 'ck_consent', path: '/', sameSite: 'Lax', secure: false, httpOnly: false });
    expect(cookie!.expires * 1000 - before).toBeGreaterThan(181.9 * 86_400_000);
    expect(cookie!.expires * 1000 - before).toBeLessThan(182.1 * 86_400_000);
    await p.page.reload();
    const state = await p.page.evaluate(() => (window as any).ck.consent.get());
    expect(state).toMatchObject({ granted: ['necessary', 'analytics'], denied: [], action: 'accept_all' });
    await expect.poll(() => records.length).toBe(1);
    expect(records[0]).toMatchObject({ site: 'demo', action: 'accept_all', pagePath: '/', consentId: state.consentId });
    // Nothing but this origin was contacted.
    expect(Object.keys(p.byOrigin())).toEqual([site.origin]);
    await p.close();
  });
});
