// The booking example as `npm start` serves it: the reference server with the demo config,
// examples/ at / and package builds at /packages/. A visitor books on examples/booking.html,
// opens the confirmation mail in the development mailbox, follows its cancel link, presses the
// button, and the time is offered again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoConfigPath, startServer, type RunningServer } from '../packages/server/src/index.js';
import { launch, openPage } from './harness.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // The example page loads the widget's standalone bundle (what `npm start`'s build makes).
  execFileSync(process.execPath, ['packages/booking-widget/scripts/size.mjs'], { stdio: 'inherit' });
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => ok(p));
    });
  });
  // As scripts/start.mjs does for a port other than 8787.
  const config = JSON.parse(readFileSync(demoConfigPath, 'utf8'));
  config.publicUrl = `http://127.0.0.1:${port}`;
  for (const site of config.sites) site.origins.push(`http://127.0.0.1:${port}`);
  server = await startServer({ config, port, dev: true, log: 'quiet', static: { '/': resolve('examples'), '/packages/': resolve('packages') } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('examples/booking.html on the demo server', () => {
  it('book → confirmation mail in the dev mailbox → its cancel link → the time is free again', async () => {
    const p = await openPage(browser, `${server.url}/booking.html`, { timezoneId: 'Europe/Luxembourg', locale: 'en-GB' });
    const inline = p.page.locator('ck-booking-widget').first();
    await inline.locator('.service', { hasText: 'Introductory call' }).click();
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    for (let i = 0; i < 3 && !(await inline.locator('td.open').count()); i++) {
      await inline.locator('button[aria-label="Next month"]').click();
      await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    }
    const day = (await inline.locator('td.open').first().getAttribute('data-date'))!;
    await inline.locator('td.open').first().click();
    const time = (await inline.locator('.slot').first().textContent())!;
    expect(time).toMatch(/^\d{1,2}:\d\d (AM|PM)$/); // the page is lang="en": 12-hour clock
    await inline.locator('.slot').first().click();
    for (const [name, value] of Object.entries({ firstName: 'Katherine', lastName: 'Johnson', email: 'katherine@example.org', subject: 'Orbits' }))
      await inline.locator(`[name="${name}"]`).fill(value);
    await inline.locator('ck-privacy-notice [data-item="controller"]').waitFor();
    await inline.locator('[part="submit"]').click();
    await inline.locator('[data-cancel]').waitFor();
    expect(p.console.filter((l) => /error|dev mode/i.test(l))).toEqual([]);

    // The development mailbox lists the confirmation; its page shows the cancel link.
    const box = await openPage(browser, `${server.url}/dev/mailbox`);
    await box.page.getByRole('link', { name: /Appointment booked: Introductory call/ }).first().click();
    const link = box.page.getByRole('link', { name: /\/cancel#token=/ });
    const href = (await link.getAttribute('href'))!;
    expect(href.startsWith(`${server.url}/v1/bookings/`)).toBe(true);
    await link.click();
    await box.page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await box.page.getByText('Your appointment is cancelled').waitFor();

    // The same time is offered again.
    await p.page.reload();
    await inline.locator('.service', { hasText: 'Introductory call' }).click();
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    while (!(await inline.locator(`td[data-date="${day}"]`).count())) await inline.locator('button[aria-label="Next month"]').click();
    await inline.locator(`td[data-date="${day}"]`).click();
    expect(await inline.locator('.slot').first().textContent()).toBe(time);
    await box.close();
    await p.close();
  });
});
