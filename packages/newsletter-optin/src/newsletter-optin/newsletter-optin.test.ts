// Browser tests of <ck-newsletter-optin> in Chromium: first render (nothing ticked, honeypot out
// of reach), keyboard-only sign-up, client and server field errors, rate limit, honeypot
// forwarding, resend cooldown, axe in every state. The server's answers are played by msw
// (the real server is exercised end to end in e2e/newsletter.test.ts).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type Client } from '@consentkit/core';
import type { PrivacyNotice } from '@consentkit/core/wire';
import '../define.js';
import type { CkNewsletterOptin } from './newsletter-optin.js';
import type { NewsletterPendingEvent } from '../shared/events.js';

const config = { site: 'demo', policyUrl: '/privacy', categories: [{ id: 'necessary', title: 'N', description: 'n', necessary: true }] };
const notice: PrivacyNotice = {
  version: 'b'.repeat(64),
  purpose: 'newsletter',
  locale: 'en',
  controller: { name: 'Demo Shop', email: 'privacy@demo.example' },
  purposes: [{ description: 'Send you our monthly newsletter.', legalBasis: 'Consent (Art. 6(1)(a) GDPR)' }],
  recipients: ['Our mail provider (processor)'],
  transfers: 'None.',
  retention: 'Until you unsubscribe.',
  rights: ['Access', 'Erasure'],
  withdrawal: 'Unsubscribe at any time.',
  complaint: { authority: 'CNPD' },
  requirement: 'Only your email address is needed.',
  automatedDecisions: 'None.',
  policyUrl: '/privacy',
};

const worker = setupWorker();
let bodies: Record<string, unknown>[] = [];
let answer: () => Response = () => HttpResponse.json({ status: 'pending' }, { status: 202 });

async function waitFor(cond: () => unknown, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('<ck-newsletter-optin>', () => {
  let client: Client;
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => {
    client = createClient(config, { start: false, retries: 0 });
    bodies = [];
    answer = () => HttpResponse.json({ status: 'pending' }, { status: 202 });
    worker.resetHandlers(
      http.get('*/v1/sites/:site/privacy-notice', () => HttpResponse.json(notice)),
      http.post('*/v1/newsletter/subscriptions', async ({ request }) => {
        bodies.push((await request.json()) as Record<string, unknown>);
        return answer();
      }),
    );
  });

  async function render(extra = {}) {
    const el = await fixture<CkNewsletterOptin>(html`<ck-newsletter-optin list="news" list-name="Monthly news" form-id="footer" form-version="2" .client=${client} .cooldown=${2} ${extra}></ck-newsletter-optin>`);
    await waitFor(() => el.shadowRoot!.querySelector('button[part="submit"]')?.textContent?.includes('Subscribe'));
    await waitFor(() => el.shadowRoot!.querySelector('ck-privacy-notice')?.version);
    return el;
  }
  const $ = <T extends Element = HTMLElement>(el: CkNewsletterOptin, sel: string) => el.shadowRoot!.querySelector<T & HTMLElement>(sel)!;

  it('first render: email only, consent unticked with the purpose text, notice, honeypot out of reach; axe clean', async () => {
    const el = await render();
    const inputs = [...el.shadowRoot!.querySelectorAll('input')].filter((i) => !i.closest('.hp'));
    expect(inputs.map((i) => i.type)).to.deep.equal(['email', 'checkbox']);
    expect($<HTMLInputElement>(el, '#consent').checked).to.equal(false);
    expect($(el, 'label[for="consent"]').textContent).to.contain('Yes, send me Monthly news by email');
    expect($<HTMLInputElement>(el, '#email').getAttribute('aria-required')).to.equal('true');
    // The legend comes before the first field.
    expect($(el, '.legend').compareDocumentPosition($(el, '#email')) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    expect($(el, 'ck-privacy-notice').getAttribute('purpose')).to.equal('newsletter');
    // Honeypot: aria-hidden + inert container (out of the accessibility tree and the tab order), off-screen.
    const hp = $(el, '.hp');
    expect(hp.getAttribute('aria-hidden')).to.equal('true');
    expect(hp.inert).to.equal(true);
    const box = $(el, '#website').getBoundingClientRect();
    expect(box.right).to.be.lessThan(0);
    $(el, '#website').focus();
    expect(el.shadowRoot!.activeElement).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Tab, type, Space, Enter → "check your inbox", event, proof fields sent; honeypot skipped', async () => {
    const el = await render();
    const events: NewsletterPendingEvent[] = [];
    el.addEventListener('ck-newsletter-pending', (e) => events.push(e));
    $(el, '#email').focus();
    await sendKeys({ type: 'ada@example.org' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('consent');
    await sendKeys({ press: 'Space' });
    expect($<HTMLInputElement>(el, '#consent').checked).to.equal(true);
    // Tab goes from the consent box into the notice (its links), never into the honeypot.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.not.equal('website');
    $(el, 'button[part="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '[part="pending"]'));
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="pending"] h2'));
    expect($(el, '[part="pending"]').textContent).to.contain('Check your inbox').and.contain('ada@example.org');
    expect(events).to.have.length(1);
    expect(events[0]!.list).to.equal('news');
    const body = bodies[0]!;
    expect(body).to.include({ site: 'demo', list: 'news', email: 'ada@example.org', consent: true, formId: 'footer', formVersion: '2', locale: 'en', noticeVersion: notice.version });
    expect(body['pagePath']).to.equal(location.pathname);
    expect(body['consentTextHash']).to.match(/^[0-9a-f]{64}$/);
    expect(body).to.not.have.property('website');
    await expect(el).to.be.accessible();
  });

  it('resend is offered only after the cooldown and posts again', async () => {
    const el = await render();
    $<HTMLInputElement>(el, '#email').value = 'ada@example.org';
    $(el, '#email').dispatchEvent(new Event('input'));
    $(el, '#consent').click();
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '[part="resend"]'));
    const resend = $(el, '[part="resend"]');
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '#wait').textContent).to.contain('again in');
    resend.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(bodies).to.have.length(1);
    await waitFor(() => $(el, '[part="resend"]').getAttribute('aria-disabled') === 'false');
    const events: NewsletterPendingEvent[] = [];
    el.addEventListener('ck-newsletter-pending', (e) => events.push(e));
    $(el, '[part="resend"]').click();
    await waitFor(() => bodies.length === 2);
    await waitFor(() => $(el, '[role="status"]').textContent!.includes('We sent the mail again'));
    expect(events[0]!.resend).to.equal(true);
    expect(bodies[1]!['email']).to.equal('ada@example.org');
    // "Use another address" goes back with nothing pre-ticked.
    ($(el, '[part="pending"] button.secondary') as HTMLButtonElement).click();
    await waitFor(() => $(el, '#consent'));
    expect($<HTMLInputElement>(el, '#consent').checked).to.equal(false);
  });

  it('client-side errors name the fields, focus the first; nothing is sent; axe clean', async () => {
    const el = await render();
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '#email-error').textContent);
    expect($(el, '#email-error').textContent).to.equal('Enter your email address.');
    expect($(el, '#consent-error').textContent).to.contain('Tick the box');
    expect($(el, '#email').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('email');
    expect(bodies).to.have.length(0);
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '#email').value = 'not an address';
    $(el, '#email').dispatchEvent(new Event('input'));
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '#email-error').textContent!.includes('like name@example.com'));
    expect(bodies).to.have.length(0);
  });

  it('server field errors and a rate limit are shown; the form keeps its values', async () => {
    const el = await render();
    answer = () =>
      HttpResponse.json(
        { error: 'validation_failed', message: 'invalid', issues: [{ path: ['email'], code: 'invalid_format', message: 'expected an email address' }] },
        { status: 400 },
      );
    $<HTMLInputElement>(el, '#email').value = 'ada@localhost.invalid';
    $(el, '#email').dispatchEvent(new Event('input'));
    $(el, '#consent').click();
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '#email-error').textContent);
    expect($(el, '#email').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    answer = () => HttpResponse.json({ error: 'rate_limited', message: 'slow down' }, { status: 429, headers: { 'retry-after': '120' } });
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '[role="alert"]').textContent!.includes('Too many attempts'));
    expect($<HTMLInputElement>(el, '#email').value).to.equal('ada@localhost.invalid');
    expect($<HTMLInputElement>(el, '#consent').checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a lost connection is retried once under the same Idempotency-Key', async () => {
    const el = await render();
    const keys: (string | null)[] = [];
    let n = 0;
    worker.use(
      http.post('*/v1/newsletter/subscriptions', ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return n++ === 0 ? HttpResponse.error() : HttpResponse.json({ status: 'pending' }, { status: 202 });
      }),
    );
    $<HTMLInputElement>(el, '#email').value = 'ada@example.org';
    $(el, '#email').dispatchEvent(new Event('input'));
    $(el, '#consent').click();
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '[part="pending"]'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('a filled honeypot is sent along (the server then answers 202 and sends nothing)', async () => {
    const el = await render();
    $<HTMLInputElement>(el, '#website').value = 'http://spam.example';
    $<HTMLInputElement>(el, '#email').value = 'bot@example.org';
    $(el, '#email').dispatchEvent(new Event('input'));
    $(el, '#consent').click();
    $(el, 'button[part="submit"]').click();
    await waitFor(() => $(el, '[part="pending"]'));
    expect(bodies[0]!['website']).to.equal('http://spam.example');
  });

  it('dark theme: axe clean (contrast included) with errors showing', async () => {
    const el = await render();
    el.theme = 'dark';
    el.style.display = 'block';
    document.body.style.background = '#000';
    try {
      $(el, 'button[part="submit"]').click();
      await waitFor(() => $(el, '#email-error').textContent);
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(28, 31, 36)');
      await expect(el).to.be.accessible();
    } finally {
      document.body.style.background = '';
    }
  });

  it('speaks the page language and right-to-left', async () => {
    const el = await fixture<CkNewsletterOptin>(html`<ck-newsletter-optin lang="ar" list="news" .client=${client}></ck-newsletter-optin>`);
    await waitFor(() => $(el, '.box')?.getAttribute('dir') === 'rtl');
    expect($(el, 'button[part="submit"]').textContent).to.not.contain('Subscribe');
    await expect(el).to.be.accessible();
  });
});
