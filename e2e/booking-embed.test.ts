// The one-script-tag path: a page with consentkit.js and a <ck-booking-widget> gets the widget's
// chunk lazily, the widget finds the page's client, books against the real server, and the
// confirmation event reaches window listeners. Nothing is requested from another origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { demoConfigPath, startServer, type RunningServer } from '../packages/server/src/index.js';
import { launch, openPage } from './harness.js';

let server: RunningServer;
let browser: Browser;

const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Rendez-vous</title>
<script type="application/json" id="consentkit-config">
{ "site": "demo", "policyUrl": "/privacy.html", "categories": [{ "id": "necessary", "title": "Nécessaires", "description": "Pour que le site fonctionne.", "necessary": true }] }
</script>
<script src="/embed/consentkit.js"></script></head>
<body><main><h1>Prendre rendez-vous</h1><ck-booking-widget service="intro-call" timezone="Europe/Luxembourg"></ck-booking-widget></main>
<script>window.booked = []; window.addEventListener('ck-booking-confirmed', (e) => window.booked.push(e.booking));</script></body></html>`;

beforeAll(async () => {
  execFileSync(process.execPath, ['packages/embed/scripts/build.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-booking-embed-'));
  writeFileSync(join(dir, 'index.html'), page);
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => ok(p));
    });
  });
  const config = JSON.parse(readFileSync(demoConfigPath, 'utf8'));
  for (const site of config.sites) site.origins.push(`http://127.0.0.1:${port}`);
  server = await startServer({ config, port, log: 'quiet', publicUrl: 'auto', static: { '/embed/': resolve('packages/embed/dist'), '/page/': dir } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('booking widget through consentkit.js', () => {
  it('loads lazily, speaks French, books, and window listeners hear ck-booking-confirmed', async () => {
    const p = await openPage(browser, `${server.url}/page/index.html`);
    // The visitor refuses everything optional: booking needs no consent (it is not a tracker).
    await p.page.locator('ck-consent-banner').getByRole('button', { name: 'Tout refuser', exact: true }).first().click();
    const w = p.page.locator('ck-booking-widget');
    await w.locator('h2', { hasText: 'Choisissez une date et une heure' }).waitFor();
    await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    for (let i = 0; i < 3 && !(await w.locator('td.open').count()); i++) {
      await w.locator('button[aria-label="Mois suivant"]').click();
      await p.page.waitForFunction(() => document.querySelector('ck-booking-widget')!.shadowRoot!.querySelector('table[aria-busy="false"]'));
    }
    await w.locator('td.open').first().click();
    await w.locator('.slot').first().click();
    expect(await w.locator('.legend').textContent()).toBe('Les champs marqués d’un * sont obligatoires.');
    for (const [name, value] of Object.entries({ firstName: 'Marie', lastName: 'Curie', email: 'marie@example.org', subject: 'Radium' }))
      await w.locator(`[name="${name}"]`).fill(value);
    // The notice in French (demo config texts), its version the one the server computes for fr.
    await w.locator('ck-privacy-notice [data-item="purpose"]').waitFor();
    expect(await w.locator('ck-privacy-notice [data-item="purpose"]').textContent()).toContain('Traiter votre demande de rendez-vous');
    await w.locator('[part="submit"]').click();
    await w.locator('[data-cancel]').waitFor();
    expect(await w.locator('h2').textContent()).toBe('Votre rendez-vous est confirmé');
    const booked = await p.page.evaluate(() => (window as any).booked);
    expect(booked).toHaveLength(1);
    expect(booked[0].service).toBe('intro-call');
    expect(Object.keys(p.byOrigin())).toEqual([server.url]);
    // The French confirmation mail.
    const box = (await (await fetch(`${server.url}/dev/mailbox.json?to=marie@example.org`)).json()) as { mails: { kind: string; subject: string }[] };
    expect(box.mails.find((m) => m.kind === 'booking.confirmation')!.subject).toMatch(/^Rendez-vous confirmé : Appel de découverte, /);
    await p.close();
  });
});
