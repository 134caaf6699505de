// The newsletter form from the one-script-tag embed (packages/embed: the loader lazy-loads the
// newsletter chunk because the page has <ck-newsletter-optin>) against the real server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../packages/server/src/index.js';
import { launch, openPage } from './harness.js';

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>embed newsletter</title><link rel="icon" href="data:,">
<script type="application/json" id="consentkit-config">{"site":"demo","policyUrl":"/privacy.html","categories":[{"id":"necessary","title":"Necessary","description":"Needed.","necessary":true}]}</script>
<script src="/embed/consentkit.js"></script></head>
<body><main><h1>News</h1><ck-newsletter-optin list="news" form-id="embed"></ck-newsletter-optin></main></body></html>`;

describe('newsletter through the one-script-tag embed (end to end)', () => {
  let browser: Browser;
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent', '-w', 'packages/embed'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const dir = mkdtempSync(join(tmpdir(), 'ck-nl-embed-'));
    writeFileSync(join(dir, 'index.html'), page);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const demo = JSON.parse(readFileSync('packages/server/demo/config.json', 'utf8'));
    for (const s of demo.sites) s.origins = [origin];
    server = await startServer({ config: { ...demo, publicUrl: origin }, port, log: 'quiet', dev: true, static: { '/t/': dir, '/embed/': 'packages/embed/dist' } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the loader brings the form (client through context); subscribing sends the confirmation mail', async () => {
    const email = 'embed.reader@example.org';
    const tab = await openPage(browser, `${origin}/t/index.html`);
    const form = tab.page.locator('ck-newsletter-optin');
    await form.locator('#email').waitFor();
    expect(await form.locator('#consent').isChecked()).toBe(false);
    await tab.page.evaluate(() => window.addEventListener('ck-newsletter-pending', () => ((window as unknown as { pending: number }).pending = 1)));
    await form.locator('#email').fill(email);
    await form.locator('#consent').check();
    await form.locator('button[part="submit"]').click();
    await form.locator('[part="pending"] h2').getByText('Check your inbox').waitFor();
    expect(await tab.page.evaluate(() => (window as unknown as { pending?: number }).pending)).toBe(1);
    await server.deps.settled();
    const { mails } = (await (await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(email)}`)).json()) as { mails: { kind: string }[] };
    expect(mails.map((m) => m.kind)).toEqual(['newsletter.confirm']);
    const proof = await server.deps.db.selectFrom('newsletter_requests' as never).selectAll().where('email' as never, '=', email as never).executeTakeFirstOrThrow();
    expect(proof).toMatchObject({ form_id: 'embed', page_path: '/t/index.html', status: 'pending' });
    expect(tab.console.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    await tab.close();
  });
});
