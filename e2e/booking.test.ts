// End to end on the real server (startServer: Hono + PGlite, demo config, dev mailbox) with the
// real widget in Chromium, driven by the keyboard only:
//   service → month grid → slot → form (errors) → Art. 13 notice → confirmation, axe at every step;
//   the confirmation mail in the dev mailbox → its cancel link → the slot is free again;
//   a slot taken meanwhile (409) and a lost answer (network fault) with the same Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { createServer, type AddressInfo } from 'node:net';
import { demoConfigPath, startServer, type RunningServer } from '../packages/server/src/index.js';
import { launch, openPage } from './harness.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TZ = 'America/New_York';

const entry = `
import { createClient } from '@consentkit/core';
import { provideClient } from '@consentkit/core/lit';
const client = createClient({ site: 'demo', policyUrl: '/privacy.html', categories: [{ id: 'necessary', title: 'Necessary', description: 'n', necessary: true }] }, { backoff: 50 });
provideClient(document.body, client);
window.ckConfirmed = [];
addEventListener('ck-booking-confirmed', (e) => window.ckConfirmed.push(e.booking));
await import('@consentkit/booking-widget/define');
`;
const page = (attrs: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Booking</title></head>
<body><main><h1>Book an appointment</h1><ck-booking-widget ${attrs}></ck-booking-widget></main><script type="module" src="app.js"></script></body></html>`;

let server: RunningServer;
let browser: Browser;
let base: string;

/** The deepest focused element, through shadow roots: a short description. */
async function focused(p: Page): Promise<{ tag: string; text: string; date: string | null; id: string; part: string | null }> {
  return p.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { tag: a?.tagName.toLowerCase() ?? '', text: (a?.textContent ?? '').trim(), date: a?.getAttribute('data-date') ?? null, id: a?.id ?? '', part: a?.getAttribute('part') ?? null };
  });
}

async function tabTo(p: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (match(await focused(p))) return;
  }
  throw new Error(`focus never reached the target; last: ${JSON.stringify(await focused(p))}`);
}

async function axe(p: Page, step: string): Promise<void> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const violations = await p.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe violations at step "${step}"`).toEqual([]);
}

const widget = (p: Page, sel: string) => p.locator(`ck-booking-widget ${sel}`);

async function firstFreeSlot(service: string): Promise<{ day: string; start: string }> {
  const today = new Date();
  const from = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(today);
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(today.getTime() + 40 * 86_400_000));
  const res = await fetch(`${base}/v1/sites/demo/booking/slots?service=${service}&from=${from}&to=${to}&tz=${encodeURIComponent(TZ)}`);
  const { slots } = (await res.json()) as { slots: { start: string }[] };
  const start = slots[0]!.start;
  return { start, day: new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(start)) };
}

/** Keyboard: from the focused grid cell to `day` with the arrow keys and PageDown, then Enter. */
async function gridTo(p: Page, day: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const f = await focused(p);
    expect(f.tag).toBe('td');
    if (f.date === day) break;
    if (f.date!.slice(0, 7) < day.slice(0, 7)) await p.keyboard.press('PageDown');
    else await p.keyboard.press(f.date! < day ? 'ArrowRight' : 'ArrowLeft');
  }
  expect((await focused(p)).date).toBe(day);
  await p.keyboard.press('Enter');
}

beforeAll(async () => {
  // The demo config, with this run's origin allowed (the port is picked first).
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => ok(p));
    });
  });
  const config = JSON.parse(readFileSync(demoConfigPath, 'utf8'));
  for (const site of config.sites) site.origins.push(`http://127.0.0.1:${port}`);
  server = await startServer({ config, port, log: 'quiet', publicUrl: 'auto', static: { '/e2e-booking/': await buildPages() } });
  base = server.url;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function buildPages(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-booking-'));
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['development', 'browser'],
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'app.js'), out.outputFiles[0]!.text);
  writeFileSync(join(dir, 'index.html'), page(`timezone="${TZ}"`));
  writeFileSync(join(dir, 'consult.html'), page(`service="intro-call" timezone="${TZ}"`));
  writeFileSync(
    join(dir, 'modes.html'),
    page(`mode="popup" service="workshop" timezone="${TZ}" lang="en-GB"><button slot="trigger" type="button" id="trigger">Book the workshop</button></ck-booking-widget>
      <ck-booking-widget mode="floating" service="intro-call" lang="ar" theme="dark"`),
  );
  return dir;
}

describe('booking widget on the real server (end to end)', () => {
  it('keyboard only: service → day → time → form with errors → notice → confirmation; mail → cancel link → slot free again', async () => {
    const p = await openPage(browser, `${base}/e2e-booking/index.html`);
    await widget(p.page, '.service').first().waitFor();
    await axe(p.page, 'service choice');

    // 1. Service: the first Tab lands on the first service.
    await tabTo(p.page, (f) => f.part === 'service' && f.text.startsWith('Introductory call'));
    await p.page.keyboard.press('Enter');
    await widget(p.page, 'td[data-date]').first().waitFor();
    expect((await focused(p.page)).tag).toBe('h2');
    const { day, start } = await firstFreeSlot('intro-call');

    // 2. Month grid: Tab into it (one tab stop), arrows/PageDown to the first free day, Enter.
    await tabTo(p.page, (f) => f.tag === 'td');
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    const disabled = await widget(p.page, 'td[aria-disabled="true"]').first().getAttribute('aria-label');
    expect(disabled).toMatch(/no free times$/);
    // Home/End stay in the week row; PageUp/PageDown change month and come back.
    const before = (await focused(p.page)).date!;
    await p.page.keyboard.press('PageDown');
    await p.page.keyboard.press('PageUp');
    expect((await focused(p.page)).date).toBe(before);
    await gridTo(p.page, day);
    await widget(p.page, '.slot').first().waitFor();
    await axe(p.page, 'calendar and slots');

    // 3. The first time of that day (shown in New York time, 12-hour clock for en).
    const label = new Intl.DateTimeFormat('en', { timeZone: TZ, hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    await tabTo(p.page, (f) => f.part === 'slot');
    expect((await focused(p.page)).text).toBe(label);
    await p.page.keyboard.press('Enter');

    // 4. The form: legend before the first field; asterisks and aria-required from the service.
    await widget(p.page, 'form').waitFor();
    const order = await p.page.evaluate(() => {
      const root = document.querySelector('ck-booking-widget')!.shadowRoot!;
      const legend = root.querySelector('.legend')!;
      const first = root.querySelector('input, textarea')!;
      return {
        legendFirst: !!(legend.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
        legend: legend.textContent,
        required: [...root.querySelectorAll('[aria-required="true"]')].map((e) => e.getAttribute('name')),
        asterisks: [...root.querySelectorAll('label')].filter((l) => l.textContent!.includes('*')).map((l) => l.htmlFor.split('-').pop()),
      };
    });
    expect(order.legendFirst).toBe(true);
    expect(order.legend).toBe('Fields marked * are required.');
    expect(order.required).toEqual(['firstName', 'lastName', 'email', 'subject']);
    expect(order.asterisks).toEqual(['firstName', 'lastName', 'email', 'subject']);

    // Submit empty (Enter in the first field): errors shown, announced, focus on the first.
    await tabTo(p.page, (f) => f.tag === 'input');
    await p.page.keyboard.press('Enter');
    await widget(p.page, '.error').first().waitFor();
    expect(await widget(p.page, '[aria-invalid="true"]').count()).toBe(4);
    expect((await focused(p.page)).id).toMatch(/-firstName$/);
    expect(await widget(p.page, '[role="alert"][data-form-error]').textContent()).toContain('Please correct');
    const describedBy = await widget(p.page, 'input[name="email"]').getAttribute('aria-describedby');
    expect(await widget(p.page, `#${describedBy}`).textContent()).toContain('required');
    await axe(p.page, 'form with errors');

    // Fill it by keyboard (Tab from field to field); a bad email is caught before sending.
    await p.page.keyboard.type('Ada');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('Lovelace');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('ada@example');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('Analytical Engines Ltd');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('Director');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('Difference engine');
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(() => (document.querySelector('ck-booking-widget')!.shadowRoot!.querySelectorAll('[aria-invalid="true"]').length === 1));
    expect((await focused(p.page)).id).toMatch(/-email$/);
    expect(await widget(p.page, '.error').textContent()).toBe('Please enter a valid email address.');
    await p.page.keyboard.type('.org');

    // 5. The Art. 13 notice: short layer visible; the full notice opens by keyboard, Escape closes.
    const notice = widget(p.page, 'ck-privacy-notice');
    await notice.locator('[data-item="controller"]').waitFor();
    expect(await notice.locator('[data-item="controller"]').textContent()).toBe('consentkit Demo SARL');
    await tabTo(p.page, (f) => f.part === 'more');
    await p.page.keyboard.press('Enter');
    await notice.locator('[data-art="13-2-f"]').waitFor();
    const items = await notice.locator('[data-art]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-art'), (e.textContent ?? '').trim()])));
    for (const art of ['13-1-a', '13-1-b', '13-1-c', '13-1-d', '13-1-e', '13-1-f', '13-2-a', '13-2-b', '13-2-c', '13-2-d', '13-2-e', '13-2-f'])
      expect(items[art]?.length ?? 0, art).toBeGreaterThan(3);
    expect(items['13-1-a']).toContain('privacy@demo.localhost');
    expect(items['13-1-d']).toContain('appointments take place as agreed');
    expect(items['13-2-d']).toContain('CNPD');
    await axe(p.page, 'notice open');
    await p.page.keyboard.press('Escape');
    expect((await focused(p.page)).part).toBe('more');
    expect(await notice.locator('[part="popover"]').evaluate((e) => e.matches(':popover-open'))).toBe(false);

    // 6. Submit by keyboard → confirmation.
    await tabTo(p.page, (f) => f.part === 'submit');
    await p.page.keyboard.press('Enter');
    await widget(p.page, '[data-cancel]').waitFor();
    expect((await focused(p.page)).text).toBe('Your appointment is booked');
    const when = new Intl.DateTimeFormat('en', { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(start));
    expect(await widget(p.page, '[data-when]').textContent()).toContain(`${when}, ${label}`);
    await axe(p.page, 'confirmation');
    const confirmed = await p.page.evaluate(() => (window as any).ckConfirmed);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ service: 'intro-call', start: new Date(start).toISOString(), timezone: TZ });
    expect(confirmed[0]).not.toHaveProperty('cancelToken');
    const ics = await widget(p.page, '[data-ics]').evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
    expect(ics).toContain(`DTSTART:${new Date(start).toISOString().replace(/[-:]/g, '').replace('.000', '')}`);
    // No personal data in any URL the page requested.
    expect(p.requests.filter((u) => /Lovelace|ada%40|ada@/i.test(u))).toEqual([]);

    // 7. The confirmation mail in the dev mailbox; its cancel link cancels (after a button press).
    const box = (await (await fetch(`${base}/dev/mailbox.json?to=ada@example.org`)).json()) as { mails: { kind: string; text: string; attachments: { filename: string }[] }[] };
    const mail = box.mails.find((m) => m.kind === 'booking.confirmation')!;
    expect(mail.attachments.map((a) => a.filename)).toEqual(['appointment.ics']);
    const link = mail.text.match(/https?:\/\/\S+\/cancel#token=\S+/)![0];
    expect(await widget(p.page, '[data-cancel]').getAttribute('href')).toBe(link);
    const c = await openPage(browser, link);
    await c.page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await c.page.getByText('Your appointment is cancelled').waitFor();
    expect(c.page.url()).not.toContain('token');
    expect((await firstFreeSlot('intro-call')).start).toBe(start);
    await c.close();
    await p.close();
  });

  it('a slot taken meanwhile: clear message, back to fresh slots, form kept; a lost answer is retried with the same Idempotency-Key: one booking', async () => {
    const p = await openPage(browser, `${base}/e2e-booking/consult.html`);
    const { day, start } = await firstFreeSlot('intro-call');
    // The month's free days are known only once the grid has loaded them.
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')?.shadowRoot?.querySelector('table[aria-busy="false"]'));
    for (let i = 0; i < 3 && !(await widget(p.page, `td[data-date="${day}"].open`).count()); i++) {
      await widget(p.page, `button[aria-label="Next month"]`).click();
      await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    }
    await widget(p.page, `td[data-date="${day}"].open`).click();
    await widget(p.page, '.slot').first().click();
    for (const [name, value] of Object.entries({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org', subject: 'Compilers', company: 'Navy' }))
      await widget(p.page, `[name="${name}"]`).fill(value);
    await widget(p.page, 'ck-privacy-notice [data-item="controller"]').waitFor();

    // Someone else takes the slot first (through the real API).
    const notice = (await (await fetch(`${base}/v1/sites/demo/privacy-notice?purpose=booking&locale=en`)).json()) as { version: string };
    const other = await fetch(`${base}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'demo', service: 'intro-call', start, timezone: TZ, locale: 'en', noticeVersion: notice.version, fields: { firstName: 'O', lastName: 'T', email: 'o@example.org', subject: 's' } }),
    });
    expect(other.status).toBe(201);
    await widget(p.page, '[part="submit"]').click();
    await widget(p.page, '[data-notice]').waitFor();
    expect(await widget(p.page, '[data-notice]').textContent()).toContain('that time was just taken');
    await axe(p.page, 'conflict message');
    await widget(p.page, `td[data-date="${day}"]`).click();
    await widget(p.page, '.slot').first().waitFor();
    const offered = await widget(p.page, '.slot').allTextContents();
    const taken = new Intl.DateTimeFormat('en', { timeZone: TZ, hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    expect(offered).not.toContain(taken);
    await widget(p.page, '.slot').first().click();
    expect(await widget(p.page, '[name="lastName"]').inputValue()).toBe('Hopper');
    expect(await widget(p.page, '[name="email"]').inputValue()).toBe('grace@example.org');

    // The server books but every answer is lost (4 attempts); then the connection comes back and
    // the visitor presses the button again: all attempts carry one key, and there is one booking.
    const keys: string[] = [];
    let drop = true;
    await p.page.route('**/v1/bookings', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const res = await route.fetch();
      if (drop) return route.abort('connectionreset');
      return route.fulfill({ response: res });
    });
    await widget(p.page, '[part="submit"]').click();
    await p.page.waitForFunction(() => /no connection/.test(document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('[data-form-error]')!.textContent!));
    expect(keys.length).toBe(4);
    drop = false;
    await widget(p.page, '[part="submit"]').click();
    await widget(p.page, '[data-cancel]').waitFor();
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(5);
    const mine = (await (await fetch(`${base}/dev/mailbox.json?to=grace@example.org`)).json()) as { mails: { kind: string }[] };
    expect(mine.mails.filter((m) => m.kind === 'booking.confirmation')).toHaveLength(1);
    await p.close();
  });

  it('popup and floating modes open a modal dialog (axe clean, Escape closes, focus returns); the time zone can be switched; Arabic is right to left', async () => {
    const p = await openPage(browser, `${base}/e2e-booking/modes.html`);
    const [popup, floating] = [p.page.locator('ck-booking-widget').nth(0), p.page.locator('ck-booking-widget').nth(1)];
    await p.page.locator('#trigger').waitFor();
    expect(await popup.locator('dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await p.page.locator('#trigger').focus();
    await p.page.keyboard.press('Enter');
    await popup.locator('td[data-date]').first().waitFor();
    expect(await popup.locator('dialog').evaluate((d: HTMLDialogElement) => d.matches(':modal'))).toBe(true);
    expect((await focused(p.page)).tag).toBe('h2');
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    await axe(p.page, 'popup open');

    // Switch the time zone: the same instants, shown in Kolkata time.
    const { day, start } = await firstFreeSlot('workshop');
    for (let i = 0; i < 3 && !(await popup.locator(`td[data-date="${day}"].open`).count()); i++) {
      await popup.locator('button[aria-label="Next month"]').click();
      await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    }
    await popup.locator(`td[data-date="${day}"]`).click();
    // lang="en-GB": English strings, 24-hour clock, weeks from Monday.
    const ny = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    const noZero = (t: string | null) => (t ?? '').replace(/^0/, '');
    expect(ny).toMatch(/^\d{1,2}:\d\d$/);
    expect(noZero(await popup.locator('.slot').first().textContent())).toBe(noZero(ny));
    expect(await popup.locator('th').first().getAttribute('abbr')).toBe('Monday');
    // Chromium lists India's zone under its ICU name (Asia/Calcutta); either name is the same zone.
    const kolkata = await popup.locator('select option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v === 'Asia/Kolkata' || v === 'Asia/Calcutta')!);
    await popup.locator('select').selectOption(kolkata);
    const kolkataDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(start));
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    await popup.locator(`td[data-date="${kolkataDay}"]`).click();
    const ist = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    expect(noZero(await popup.locator('.slot').first().textContent())).toBe(noZero(ist));
    expect(await popup.locator('.hint').last().textContent()).toContain(kolkata);

    await p.page.keyboard.press('Escape');
    expect(await popup.locator('dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect((await focused(p.page)).id).toBe('trigger');

    // Floating button (Arabic, dark): opens the same dialog, right to left, arrows mirrored.
    const button = floating.locator('[part="floating-button"]');
    expect(await button.textContent()).toContain('احجز موعدًا');
    await button.click();
    await floating.locator('td[data-date]').first().waitFor();
    expect(await floating.locator('.panel').getAttribute('dir')).toBe('rtl');
    await p.page.waitForFunction(() => document.querySelectorAll('ck-booking-widget')[1]!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    await axe(p.page, 'floating open, Arabic, dark');
    await floating.locator('td[tabindex="0"]').focus();
    const from = (await focused(p.page)).date!;
    await p.page.keyboard.press('ArrowLeft');
    const next = new Date(Date.parse(`${from}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await focused(p.page)).date).toBe(next);
    await p.close();
  });
});
