/**
 * End to end: examples/consent through the one script tag, against the real server
 * (startServer: consent records in its database), third parties played by a second local
 * origin that counts requests. The must-shows of issue 3 (R1–R20 in COMPLIANCE.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startServer, DEV_ADMIN_KEY, type RunningServer } from '../packages/server/src/index.js';
import { build } from '../packages/embed/scripts/build.mjs';
import { launch, openPage, type TrackedPage } from './harness.js';
import { startThirdParty } from './fixtures/third-party.js';

const examples = 'examples/consent';
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });

/** Deepest focused element, described. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    const path: string[] = [];
    while (a) {
      path.push(a.localName);
      if (!a.shadowRoot?.activeElement) break;
      a = a.shadowRoot.activeElement;
    }
    return { part: a?.getAttribute('part') ?? null, tag: a?.localName ?? null, path: path.join('>'), name: (a as HTMLInputElement | null)?.name ?? null };
  });

describe('consent banner, gate and one script tag (end to end)', () => {
  let browser: Browser;
  let server: RunningServer;
  let tp: Awaited<ReturnType<typeof startThirdParty>>;
  let site: string;
  const temp: string[] = [];

  async function records(consentId: string): Promise<Array<{ action: string; source: string; granted: string[] }>> {
    const r = await fetch(`${site}/v1/admin/consents?site=demo&consentId=${consentId}&format=json`, { headers: { authorization: `Bearer ${DEV_ADMIN_KEY}` } });
    const body = await r.text();
    const parsed = JSON.parse(body);
    return Array.isArray(parsed) ? parsed : (parsed.items ?? parsed.consents ?? parsed.records);
  }
  const consentIdOf = async (p: TrackedPage) => (await p.page.evaluate(() => window.consentkit!.getConsent()))!.consentId;
  const tpCount = (p: TrackedPage) => p.to(tp.origin).length;
  const uiRequests = (p: TrackedPage) => p.requests.filter((u) => u.startsWith(`${site}/embed/`) && !u.endsWith('/consentkit.js'));
  const banner = (p: TrackedPage, part: string) => p.page.locator(`ck-consent-banner [part~="${part}"]`);
  const prefs = (p: TrackedPage, sel: string) => p.page.locator(`ck-consent-preferences ${sel}`);

  beforeAll(async () => {
    // A private build: other suites may rebuild packages/embed/dist meanwhile.
    temp.push(mkdtempSync(join(tmpdir(), 'ck-embed-')));
    const dist = await build(join(temp[0]!, 'dist'));
    tp = await startThirdParty();
    const port = await freePort();
    site = `http://127.0.0.1:${port}`;
    const pages = mkdtempSync(join(tmpdir(), 'ck-banner-e2e-'));
    temp.push(pages);
    for (const f of ['index.html', 'strict-csp.html']) writeFileSync(join(pages, f), tp.rewrite(readFileSync(join(examples, f), 'utf8')));
    for (const f of ['site.css', 'analytics-init.js']) copyFileSync(join(examples, f), join(pages, f));
    const index = readFileSync(join(pages, 'index.html'), 'utf8');
    writeFileSync(join(pages, 'revision2.html'), index.replace('"revision": 1', '"revision": 2'));
    const payload = `<img src=x onerror=\\"window.pwned=1\\"><script>window.pwned=2<\\/script>`;
    writeFileSync(join(pages, 'xss.html'), index.replace('"Videos", "fr"', `"${payload}", "fr"`).replace('"Shows embedded videos from YouTube."', `"${payload}"`));
    writeFileSync(
      join(pages, 'leak.html'),
      index.replace('<script src="/embed/consentkit.js"></script>', '<script src="/embed/consentkit.dev.js"></script>').replace('</body>', `<img alt="" src="${tp.origin}/pixel.gif"></body>`),
    );
    const demo = JSON.parse(readFileSync('packages/server/demo/config.json', 'utf8'));
    for (const s of demo.sites) s.origins = [site];
    server = await startServer({ config: demo, port, log: 'quiet', static: { '/embed/': dist, '/': pages } });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tp?.close();
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  });

  it('first visit: 0 third-party requests and no cookie before a choice; Reject all → still 0, only the consent cookie, one record on the server', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'reject-all').waitFor();
    await p.page.mouse.wheel(0, 600);
    await p.page.waitForTimeout(300);
    expect(tpCount(p)).toBe(0);
    expect(await p.context.cookies()).toEqual([]);
    expect(await p.page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await banner(p, 'reject-all').click();
    await expect.poll(async () => (await p.context.cookies()).map((c) => c.name)).toEqual(['ck_consent']);
    await p.page.reload();
    await p.page.waitForTimeout(300);
    expect(tpCount(p)).toBe(0);
    expect(await banner(p, 'banner').count()).toBe(0);
    // A refusal is remembered: no banner (the video placeholder still needs its chunk).
    const id = await consentIdOf(p);
    await expect.poll(async () => (await records(id)).length).toBe(1);
    expect((await records(id))[0]).toMatchObject({ action: 'reject_all', source: 'banner', granted: ['necessary'] });
    await p.close();
  });

  it('Escape, scrolling, clicking outside and the close control never grant anything', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'reject-all').waitFor();
    await p.page.keyboard.press('Escape');
    await p.page.mouse.wheel(0, 800);
    await p.page.mouse.click(5, 5);
    await p.page.waitForTimeout(200);
    expect(await p.context.cookies()).toEqual([]);
    expect(await banner(p, 'reject-all').isVisible()).toBe(true);
    expect(await banner(p, 'close').getAttribute('aria-label')).toMatch(/reject all/i);
    await banner(p, 'close').click();
    await expect.poll(() => p.page.evaluate(() => window.consentkit!.getConsent()?.granted)).toEqual(['necessary']);
    expect(tpCount(p)).toBe(0);
    await p.close();
  });

  it('accept analytics only → it runs once, fonts not requested; then allow fonts → the stylesheet applies without reload; revoking analytics deletes its cookies and sends Consent Mode update denied', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'customise').click();
    const box = prefs(p, 'input[name="analytics"]');
    await box.waitFor();
    expect(await p.page.locator('ck-consent-preferences input[type="checkbox"]:not([disabled])').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, false, false, false, false, false]);
    await box.check();
    await prefs(p, '[part="save"]').click();
    await expect.poll(() => p.page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBe(1);
    await p.page.evaluate(() => ((window as { marker?: number }).marker = 1));
    expect(p.to(tp.origin).map((u) => new URL(u).pathname)).toEqual(['/gtag/js']);
    expect(await p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tp-fonts'))).toBe('');
    const names = async () => (await p.context.cookies()).map((c) => c.name).sort();
    expect(await names()).toEqual(['_ga', '_ga_DEMO', 'ck_consent']);
    // Now fonts, from the re-open control.
    await banner(p, 'reopen').click();
    await prefs(p, 'input[name="fonts"]').check();
    await prefs(p, '[part="save"]').click();
    await expect.poll(() => p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tp-fonts'))).toBe('loaded');
    expect(await p.page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
    expect(await p.page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBe(1);
    // Revoke analytics.
    await banner(p, 'reopen').click();
    await prefs(p, 'input[name="analytics"]').uncheck();
    await prefs(p, '[part="save"]').click();
    await expect.poll(names).toEqual(['ck_consent']);
    const update = await p.page.evaluate(() => {
      const dl = (window as unknown as { dataLayer: IArguments[] }).dataLayer.map((a) => Array.from(a));
      return { first: dl[0], last: dl.filter((a) => a[0] === 'consent').at(-1) };
    });
    expect(update.first).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied', ad_storage: 'denied' })]);
    expect(update.last).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'denied' })]);
    // Three decisions, three records.
    const id = await consentIdOf(p);
    await expect.poll(async () => (await records(id)).map((r) => r.source)).toEqual(['settings', 'settings', 'withdrawal']);
    await p.close();
  });

  it('returning visitor with a valid consent: everything applied at once, no UI chunk fetched; withdrawing takes no more clicks than accepting', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'accept-all').click(); // accepting: 1 click on the first layer
    await expect.poll(() => p.page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBe(1);
    p.requests.length = 0;
    await p.page.reload();
    await expect.poll(() => p.page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBe(1);
    await expect.poll(() => p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tp-fonts'))).toBe('loaded');
    expect(await p.page.locator('iframe[title="consentkit demo video"]').getAttribute('src')).toBe(`${tp.origin}/embed/aqz-KE-bpKQ`);
    await p.page.waitForTimeout(300);
    expect(uiRequests(p)).toEqual([]);
    // Withdraw everything from this page: the re-open control, then Reject all = 2 clicks,
    // the same as changing to Accept all from there (and 1 more than the first-layer accept,
    // which needs no opening).
    let clicks = 0;
    await p.page.locator('[data-ck-reopen] [part="reopen"]').click();
    clicks++;
    await prefs(p, '[part="reject-all"]').click();
    clicks++;
    await expect.poll(() => p.page.evaluate(() => window.consentkit!.getConsent()?.action)).toBe('withdraw');
    expect(clicks).toBe(2);
    expect((await p.context.cookies()).map((c) => c.name)).toEqual(['ck_consent']);
    await p.close();
  });

  it('returning visitor: a page button with data-ck-open-preferences opens the dialog; records queued on an earlier page are sent by the small send chunk', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'accept-all').click();
    const id = await (async () => {
      await expect.poll(() => p.page.evaluate(() => window.consentkit!.getConsent()?.action)).toBe('accept_all');
      return consentIdOf(p);
    })();
    await expect.poll(async () => (await records(id)).length).toBe(1);
    // A record that an earlier page could not deliver (e.g. offline), still queued.
    const queued = await p.page.evaluate((consentId) => {
      const r = { id: crypto.randomUUID(), consentId, site: 'demo', revision: 1, granted: ['necessary'], denied: ['analytics', 'fonts', 'media'], action: 'reject_all', source: 'banner', gpc: false, locale: 'en', textHash: 'ab'.repeat(32), pagePath: '/index.html', clientTime: new Date().toISOString() };
      localStorage.setItem('ck_outbox:demo', JSON.stringify([r]));
      return r.id;
    }, id);
    p.requests.length = 0;
    await p.page.reload();
    await expect.poll(async () => (await records(id)).length).toBe(2);
    const fetched = uiRequests(p).map((u) => new URL(u).pathname);
    expect(fetched[0]).toBe('/embed/send.js');
    expect(fetched).not.toContain('/embed/ui.js');
    await expect.poll(() => p.page.evaluate(() => localStorage.getItem('ck_outbox:demo'))).toBe('[]');
    expect((await records(id)).map((r) => (r as { id?: string }).id)).toContain(queued);
    // The page's own "Privacy settings" button.
    await p.page.locator('button[data-ck-open-preferences]').click();
    await expect.poll(async () => (await focused(p.page)).path).toContain('ck-consent-preferences');
    expect(await prefs(p, 'input[name="analytics"]').isChecked()).toBe(true);
    await p.close();
  });

  it('a revision bump shows the banner again', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'reject-all').click();
    await expect.poll(() => p.page.evaluate(() => window.consentkit!.getConsent()?.action)).toBe('reject_all');
    await p.page.goto(`${site}/revision2.html`);
    await banner(p, 'reject-all').waitFor();
    expect(await p.page.evaluate(() => window.consentkit!.getConsent())).toBeNull();
    await p.close();
  });

  it('strict CSP (default-src self, no unsafe-inline/eval): 0 securitypolicyviolation through a whole visit', async () => {
    const p = await openPage(browser);
    await p.page.addInitScript(() => {
      (window as unknown as { csp: string[] }).csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { csp: string[] }).csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await p.page.goto(`${site}/strict-csp.html`);
    await banner(p, 'customise').click();
    await prefs(p, '[part="accept-all"]').click();
    await expect.poll(() => p.page.evaluate(() => (window as { analyticsRuns?: number }).analyticsRuns)).toBe(1);
    await p.page.reload();
    await expect.poll(() => p.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tp-fonts'))).toBe('loaded');
    await p.page.locator('[data-ck-reopen] [part="reopen"]').click();
    await prefs(p, '[part="reject-all"]').click();
    await p.page.waitForTimeout(300);
    expect(await p.page.evaluate(() => (window as unknown as { csp: string[] }).csp)).toEqual([]);
    expect(p.console.filter((l) => /refused|violat|content security/i.test(l))).toEqual([]);
    await p.close();
  });

  it('config strings carrying HTML/script payloads render as text: 0 executions', async () => {
    const p = await openPage(browser, `${site}/xss.html`);
    await banner(p, 'customise').click();
    await prefs(p, '[part="save"]').waitFor();
    await p.page.waitForTimeout(300);
    expect(await p.page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await p.page.locator('ck-consent-preferences h3').allTextContents()).toContain('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>');
    await p.close();
  });

  it('keyboard only: focus enters the banner, Customise opens the dialog with focus trapped inside, choices are saved, Escape never grants', async () => {
    const p = await openPage(browser, `${site}/index.html`);
    await banner(p, 'reject-all').waitFor();
    await expect.poll(async () => (await focused(p.page)).part).toBe('banner');
    for (let i = 0; i < 10 && (await focused(p.page)).part !== 'customise'; i++) await p.page.keyboard.press('Tab');
    expect((await focused(p.page)).part).toBe('customise');
    await p.page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(p.page)).path).toContain('ck-consent-preferences');
    // Focus stays in the dialog however far we tab.
    for (let i = 0; i < 30; i++) {
      await p.page.keyboard.press('Tab');
      const f = await focused(p.page);
      expect(f.path === 'body' || f.path.includes('ck-consent-preferences'), JSON.stringify(f)).toBe(true);
    }
    await p.page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(p.page)).part).toBe('customise');
    expect(await p.context.cookies()).toEqual([]);
    await p.page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(p.page)).path).toContain('ck-consent-preferences');
    for (let i = 0; i < 40 && (await focused(p.page)).name !== 'media'; i++) await p.page.keyboard.press('Tab');
    expect((await focused(p.page)).name).toBe('media');
    await p.page.keyboard.press('Space');
    for (let i = 0; i < 40 && (await focused(p.page)).part !== 'save'; i++) await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Enter');
    await expect.poll(() => p.page.evaluate(() => window.consentkit!.getConsent()?.granted)).toEqual(['necessary', 'media']);
    await p.close();
  });

  it('development build: warns about a third-party resource loaded before consent, naming the element', async () => {
    const p = await openPage(browser, `${site}/leak.html`);
    await expect.poll(() => p.console.find((l) => l.includes('loaded before consent'))).toContain(`<img src="${tp.origin}/pixel.gif">`);
    await p.close();
  });
});
