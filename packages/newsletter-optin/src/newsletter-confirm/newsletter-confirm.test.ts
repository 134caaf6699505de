// Browser tests of <ck-newsletter-confirm>: the token comes from
// the URL fragment, nothing is sent on load, one button press sends one POST, the token then
// leaves the address bar; expired and used links; axe in every state; keyboard only.
// Server answers are played by msw (the real server runs in e2e/newsletter.test.ts).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type Client } from '@consentkit/core';
import '../define.js';
import type { CkNewsletterConfirm } from './newsletter-confirm.js';
import type { NewsletterConfirmedEvent } from '../shared/events.js';

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

describe('<ck-newsletter-confirm>', () => {
  let client: Client;
  const original = location.href.replace(/#.*/, '');
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => {
    client = createClient(config, { start: false, retries: 0 });
    calls = [];
    answer = () => HttpResponse.json({ status: 'confirmed', lists: ['news'] });
    worker.resetHandlers(
      http.all('*/v1/newsletter/:action', async ({ request, params }) => {
        calls.push({ path: `${request.method} ${String(params['action'])}`, body: await request.json().catch(() => null) });
        return answer();
      }),
    );
    history.replaceState(null, '', `${original}#token=${TOKEN}`);
  });
  afterEach(() => history.replaceState(null, '', original));

  async function render() {
    const el = await fixture<CkNewsletterConfirm>(html`<ck-newsletter-confirm subscribe-href="/newsletter.html" .client=${client}></ck-newsletter-confirm>`);
    await waitFor(() => $(el, 'h2')?.textContent === 'Confirm your subscription');
    return el;
  }

  it('reads the token from the fragment, sends nothing on load, confirms on a key press, then drops the token', async () => {
    const el = await render();
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const events: NewsletterConfirmedEvent[] = [];
    el.addEventListener('ck-newsletter-confirmed', (e) => events.push(e));
    $(el, 'button[part="button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => events.length === 1);
    expect(calls).to.deep.equal([{ path: 'POST confirm', body: { token: TOKEN } }]);
    expect(events[0]!.lists).to.deep.equal(['news']);
    expect($(el, 'h2').textContent).to.equal('Subscription confirmed');
    expect($(el, 'button[part="button"]')).to.equal(null);
    expect(location.href).to.not.contain(TOKEN);
    expect(location.href).to.equal(original); // the rest of the URL (test runner's session query) is kept
    await waitFor(() => el.shadowRoot!.activeElement === $(el, 'h2'));
    await expect(el).to.be.accessible();
  });

  it('an expired link (410) offers to subscribe again; a used one (404) says so', async () => {
    answer = () => HttpResponse.json({ error: 'token_expired', message: 'expired' }, { status: 410 });
    const el = await render();
    $(el, 'button[part="button"]').click();
    await waitFor(() => $(el, '[part="again"]'));
    expect($(el, '[part="status"]').textContent).to.contain('This link has expired.');
    expect($(el, '[part="again"]').getAttribute('href')).to.equal('/newsletter.html');
    expect(location.href).to.not.contain(TOKEN);
    await expect(el).to.be.accessible();

    history.replaceState(null, '', `${original}#token=${TOKEN}`);
    answer = () => HttpResponse.json({ error: 'token_invalid', message: 'used' }, { status: 404 });
    const used = await render();
    $(used, 'button[part="button"]').click();
    await waitFor(() => $(used, '[part="status"]').textContent!.includes('may have been used'));
    await expect(used).to.be.accessible();
  });

  it('without a token it says the link is incomplete and offers no button; a network failure keeps the button', async () => {
    history.replaceState(null, '', original);
    const el = await fixture<CkNewsletterConfirm>(html`<ck-newsletter-confirm .client=${client}></ck-newsletter-confirm>`);
    await waitFor(() => $(el, '[part="status"]')?.textContent?.includes('incomplete'));
    expect($(el, 'button')).to.equal(null);
    await expect(el).to.be.accessible();

    history.replaceState(null, '', `${original.replace(/#.*/, '')}${location.search ? '&' : '?'}token=${TOKEN}`);
    answer = () => HttpResponse.error();
    const el2 = await render();
    $(el2, 'button[part="button"]').click();
    await waitFor(() => $(el2, '[role="alert"]').textContent!.includes('could not reach'));
    expect($(el2, 'button[part="button"]')).to.not.equal(null);
    expect(location.search).to.contain(TOKEN); // nothing final happened: the link stays usable
  });
});
