/**
 * The reference server end to end: the REAL server (startServer: Hono, PGlite, CORS, rate limits)
 * serves a page; in Chromium the core client records consent decisions through its outbox; the
 * admin export returns exactly those records. (When the banner example exists, the lead switches
 * the page to it.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '@consentkit/server';
import { bundle, launch, openPage } from './harness.js';

const ADMIN = 'e2e-admin-key';
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

describe('reference server in Chromium (end to end)', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-server-'));
    const pageConfig = {
      site: 'demo',
      policyUrl: '/privacy',
      revision: 2,
      categories: [
        { id: 'necessary', title: 'Necessary', description: 'n', necessary: true },
        { id: 'analytics', title: 'Analytics', description: 'a' },
        { id: 'marketing', title: 'Marketing', description: 'm' },
      ],
    };
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><title>server e2e</title><link rel="icon" href="data:,">
<script type="application/json" id="consentkit-config">${JSON.stringify(pageConfig)}</script>
<script type="module" src="/app.js"></script></head><body>server</body></html>`,
    );
    writeFileSync(join(dir, 'app.js'), await bundle('e2e/fixtures/core-page.ts'));
    server = await startServer({
      config: {
        publicUrl: origin,
        mail: { from: 'e2e <no-reply@example.test>' },
        sites: [{ id: 'demo', name: 'Demo', origins: [origin], policyUrl: '/privacy' }],
      },
      port,
      adminKey: ADMIN,
      static: { '/': dir },
      log: 'quiet',
      databaseUrl: '',
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const exportFor = async (consentId: string) => {
    const res = await fetch(`${server.url}/v1/admin/consents?consentId=${consentId}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { action: string; granted: string[]; denied: string[]; pagePath: string; site: string; receivedAt: string }[];
  };

  it('records a consent and its withdrawal from the page; the admin export returns both, once each', async () => {
    const p = await openPage(browser, `${server.url}/`);
    await p.page.evaluate(() =>
      (window as any).ck.decide({ granted: ['analytics'], action: 'custom', source: 'banner', locale: 'en', textHash: 'abcdef12' }),
    );
    const state = await p.page.evaluate(() => (window as any).ck.consent.get());
    await expect.poll(async () => (await exportFor(state.consentId)).length, { timeout: 15_000 }).toBe(1);
    const [first] = await exportFor(state.consentId);
    expect(first).toMatchObject({ site: 'demo', action: 'custom', granted: ['necessary', 'analytics'], denied: ['marketing'], pagePath: '/' });
    expect(Date.parse(first!.receivedAt)).toBeGreaterThan(Date.now() - 60_000);

    // A reload flushes the outbox again: nothing is duplicated.
    await p.page.reload();
    await p.page.evaluate(() =>
      (window as any).ck.decide({ granted: [], action: 'withdraw', source: 'withdrawal', locale: 'en', textHash: 'abcdef12' }),
    );
    await expect.poll(async () => (await exportFor(state.consentId)).map((r) => r.action), { timeout: 15_000 }).toEqual(['custom', 'withdraw']);
    // Every request of the page went to the server's own origin.
    expect(Object.keys(p.byOrigin())).toEqual([server.url]);
    expect(p.to(server.url).filter((u) => u.endsWith('/v1/consents')).length).toBeGreaterThanOrEqual(2);
    expect(p.console.filter((l) => l.startsWith('error') || l.startsWith('pageerror'))).toEqual([]);
    await p.close();
  });
});
