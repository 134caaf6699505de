// Browser tests of <ck-booking-widget> without a server: the unreachable-service fault (played
// by msw), and the calendar/.ics helpers in real Chromium Intl. The full booking flow against
// the real server, keyboard only and with axe at every step, is e2e/booking.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient } from '@consentkit/core';
import '../define.js';
import type { CkBookingWidget } from './booking-widget.js';
import { addMonths, dateIn, firstDayOfWeek, monthMatrix } from './dates.js';
import { icsFor } from './ics.js';

const config = { site: 'demo', policyUrl: '/privacy', categories: [{ id: 'necessary', title: 'N', description: 'n', necessary: true }] };

async function waitFor(cond: () => unknown, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('<ck-booking-widget> when the booking service cannot be reached', () => {
  const worker = setupWorker();
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());

  it('says so in an alert, offers a retry that asks again, and puts no personal data in the URL', async () => {
    const urls: string[] = [];
    worker.use(
      http.get('*/v1/sites/:site/booking/services', ({ request }) => {
        urls.push(request.url);
        return HttpResponse.error();
      }),
    );
    const client = createClient(config, { start: false, retries: 1, backoff: 1 });
    const el = await fixture<CkBookingWidget>(html`<ck-booking-widget lang="de" .client=${client}></ck-booking-widget>`);
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('[role="alert"]'));
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('Der Buchungsdienst ist nicht erreichbar.');
    expect(urls).to.have.length(2); // the first try and the transport's one retry
    expect(new URL(urls[0]!).search).to.equal('?locale=de');
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button')!.click();
    await waitFor(() => urls.length === 4);
  });
});

describe('calendar and .ics helpers', () => {
  it('lays out months from the locale’s first day of the week', () => {
    expect(firstDayOfWeek('en-US')).to.equal(0);
    expect(firstDayOfWeek('fr')).to.equal(1);
    const us = monthMatrix('2026-03', 0);
    expect(us[0]![0]).to.equal('2026-03-01'); // 1 March 2026 is a Sunday
    const fr = monthMatrix('2026-03', 1);
    expect(fr[0]!.slice(0, 6)).to.deep.equal([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(fr[0]![6]).to.equal('2026-03-01');
    expect(fr.at(-1)!.includes('2026-03-31')).to.equal(true);
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2026-03-15', -12)).to.equal('2025-03-15');
  });

  it('dates instants in the visitor’s zone', () => {
    const t = Date.parse('2026-03-29T22:30:00Z');
    expect(dateIn(t, 'Europe/Luxembourg')).to.equal('2026-03-30');
    expect(dateIn(t, 'America/New_York')).to.equal('2026-03-29');
    expect(dateIn(t, 'Asia/Kolkata')).to.equal('2026-03-30');
  });

  it('writes a valid one-event calendar: UTC times, escaped text, folded lines, CRLF', () => {
    const ics = icsFor({
      uid: 'abc@consentkit',
      start: '2026-03-30T07:00:00Z',
      end: '2026-03-30T08:00:00.000Z',
      summary: 'Consultation; with, commas',
      description: `Cancel: https://api.example/v1/bookings/x/cancel#token=${'t'.repeat(80)}`,
      now: Date.parse('2026-03-01T00:00:00Z'),
    });
    expect(ics).to.contain('DTSTART:20260330T070000Z\r\nDTEND:20260330T080000Z\r\n');
    expect(ics).to.contain('SUMMARY:Consultation\\; with\\, commas\r\n');
    expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).to.equal(true);
    expect(ics.replace(/\r\n /g, '')).to.contain(`#token=${'t'.repeat(80)}`);
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
  });
});
