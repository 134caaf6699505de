// Double opt-in end to end on the real server (startServer: Hono + PGlite + the dev mailbox) in
// Chromium: subscribe on examples/newsletter.html, read the mail in the dev mailbox, open the
// link (which confirms nothing), press confirm, check the stored proof of consent, then
// unsubscribe from the next mail's link. Also: the honeypot through the widget sends no mail.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../packages/server/src/index.js';
import { launch, openPage } from './harness.js';

type Mail = { kind: string; to: string; subject: string; text: string; headers: Record<string, string> };

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

describe('newsletter double opt-in (end to end, real server)', () => {
  let browser: Browser;
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    // The example pages load the standalone bundle of the elements.
    execFileSync(process.execPath, ['packages/newsletter-optin/scripts/bundle.mjs'], { stdio: 'inherit' });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const demo = JSON.parse(readFileSync('packages/server/demo/config.json', 'utf8'));
    const site = demo.sites.find((s: { id: string }) => s.id === 'demo');
    site.origins = [origin];
    site.newsletter = { ...site.newsletter, storeIp: true };
    server = await startServer({
      config: { ...demo, publicUrl: origin },
      port,
      log: 'quiet',
      dev: true,
      static: { '/': 'examples', '/packages/': 'packages' },
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function mailsTo(to: string): Promise<Mail[]> {
    await server.deps.settled();
    const res = await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(to)}`);
    return ((await res.json()) as { mails: Mail[] }).mails;
  }
  const db = () => server.deps.db;

  it('subscribe → mail → open link (still pending) → press confirm → proof stored → unsubscribe from the next mail', async () => {
    const email = 'e2e.reader@example.org';
    const tab = await openPage(browser, `${origin}/newsletter.html`);
    const { page } = tab;
    const form = page.locator('ck-newsletter-optin');
    await form.locator('#email').waitFor();
    await form.locator('ck-privacy-notice').locator('[part="short"]').waitFor();
    expect(await form.locator('#consent').isChecked()).toBe(false);
    const consentText = (await form.locator('label[for="consent"]').textContent())!.replace(/\s*\*\s*$/, '').trim();
    // Keyboard only.
    await form.locator('#email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await form.locator('button[part="submit"]').focus();
    await page.keyboard.press('Enter');
    await form.locator('[part="pending"] h2').getByText('Check your inbox').waitFor();

    const [confirmMail] = await mailsTo(email);
    expect(confirmMail!.kind).toBe('newsletter.confirm');
    expect(confirmMail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(confirmMail!.headers['List-Unsubscribe']).toMatch(new RegExp(`^<${origin}/v1/newsletter/unsubscribe\\?token=[A-Za-z0-9_-]{43}>$`));
    const link = /^(http\S+newsletter-confirm\.html#token=\S+)$/m.exec(confirmMail!.text)![1]!;
    expect(link.startsWith(`${origin}/newsletter-confirm.html#token=`)).toBe(true);

    // Opening the link (a GET, what a mail scanner does) confirms nothing.
    await page.goto(link);
    const confirm = page.locator('ck-newsletter-confirm');
    await confirm.locator('button[part="button"]').getByText('Confirm subscription').waitFor();
    await page.waitForTimeout(300);
    const subscriptions = () => db().selectFrom('newsletter_subscriptions').selectAll().where('email', '=', email).execute();
    expect(await subscriptions()).toEqual([]);
    expect(tab.to(origin).some((u) => u.includes('token='))).toBe(false); // the fragment never left the browser

    await confirm.locator('button[part="button"]').press('Enter');
    await confirm.locator('h2').getByText('Subscription confirmed').waitFor();
    expect(page.url()).toBe(`${origin}/newsletter-confirm.html`);
    const [sub] = await subscriptions();
    expect(sub).toMatchObject({ site: 'demo', list: 'news', status: 'confirmed' });

    const proof = await db().selectFrom('newsletter_requests').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    const notice = (await (await fetch(`${server.url}/v1/sites/demo/privacy-notice?purpose=newsletter&locale=en`)).json()) as { version: string };
    expect(proof).toMatchObject({
      id: sub!.request_id,
      site: 'demo',
      list: 'news',
      status: 'confirmed',
      form_id: 'example',
      form_version: '1',
      consent_text_hash: createHash('sha256').update(consentText).digest('hex'),
      notice_version: notice.version,
      locale: 'en',
      page_path: '/newsletter.html',
      ip: '127.0.0.1',
    });
    expect(proof.requested_at).toBeInstanceOf(Date);
    expect(proof.confirmed_at!.getTime()).toBeGreaterThanOrEqual(proof.requested_at.getTime());

    // The next mail (welcome) carries the unsubscribe link; one press unsubscribes.
    const mails = await mailsTo(email);
    const welcome = mails.find((m) => m.kind === 'newsletter.welcome')!;
    expect(welcome.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribeLink = /(http\S+newsletter-unsubscribe\.html#token=\S+)/.exec(welcome.text)![1]!;
    await page.goto(unsubscribeLink);
    const unsubscribe = page.locator('ck-newsletter-unsubscribe');
    await unsubscribe.locator('button[part="button"]').click();
    await unsubscribe.locator('h2').getByText('You are unsubscribed').waitFor();
    expect((await subscriptions())[0]!.status).toBe('unsubscribed');
    expect(tab.console.filter((l) => l.startsWith('error') || l.startsWith('pageerror'))).toEqual([]);
    await tab.close();
  });

  it('the honeypot filled through the widget: "check your inbox", but no mail and nothing stored', async () => {
    const email = 'e2e.bot@example.org';
    const tab = await openPage(browser, `${origin}/newsletter.html`);
    const form = tab.page.locator('ck-newsletter-optin');
    await form.locator('#email').fill(email);
    await form.locator('#consent').check();
    await form.locator('#website').evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'));
    await form.locator('button[part="submit"]').click();
    await form.locator('[part="pending"] h2').waitFor();
    expect(await mailsTo(email)).toEqual([]);
    expect(await db().selectFrom('newsletter_requests').selectAll().where('email', '=', email).execute()).toEqual([]);
    await tab.close();
  });
});
