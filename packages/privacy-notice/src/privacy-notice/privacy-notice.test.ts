// Browser tests of <ck-privacy-notice>: the layered notice, every Art. 13 item, keyboard and
// screen-reader behaviour of the popover, and the load failure path (played by msw).
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createClient, type Client } from '@consentkit/core';
import type { PrivacyNotice } from '@consentkit/core/wire';
import '../define.js';
import type { CkPrivacyNotice } from './privacy-notice.js';

const config = { site: 'demo', policyUrl: '/privacy', categories: [{ id: 'necessary', title: 'N', description: 'n', necessary: true }] };

const notice: PrivacyNotice = {
  version: 'a'.repeat(64),
  purpose: 'booking',
  locale: 'en',
  controller: { name: 'Acme Consulting SARL', address: '1 rue de la Gare, L-1611 Luxembourg', email: 'privacy@acme.example' },
  dpo: { name: 'Jane Doe', email: 'dpo@acme.example' },
  purposes: [
    { description: 'Handle your appointment request.', legalBasis: 'Steps prior to a contract (Art. 6(1)(b) GDPR)' },
    { description: 'Send you a reminder.', legalBasis: 'Legitimate interest (Art. 6(1)(f) GDPR)', legitimateInterest: 'Making sure appointments are kept.' },
  ],
  recipients: ['Our hosting provider (processor)', 'Our mail provider (processor)'],
  transfers: 'None: your data stays in the EU.',
  retention: '12 months after the appointment.',
  rights: ['Access', 'Rectification', 'Erasure', 'Restriction', 'Objection', 'Portability'],
  withdrawal: 'You can withdraw consent at any time.',
  complaint: { authority: 'CNPD', url: 'https://cnpd.public.lu' },
  requirement: 'Fields marked * are required; without them we cannot handle your request.',
  automatedDecisions: 'None.',
  policyUrl: '/privacy',
};

const ART13 = ['13-1-a', '13-1-b', '13-1-c', '13-1-d', '13-1-e', '13-1-f', '13-2-a', '13-2-b', '13-2-c', '13-2-d', '13-2-e', '13-2-f'];

async function waitFor(cond: () => unknown, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('<ck-privacy-notice>', () => {
  let client: Client;
  beforeEach(() => {
    client = createClient(config, { start: false, retries: 0 });
  });

  it('shows the short layer always and every Art. 13 item in the popover; Escape closes and focus returns', async () => {
    const el = await fixture<CkPrivacyNotice>(html`<ck-privacy-notice purpose="booking" .client=${client} .notice=${notice}></ck-privacy-notice>`);
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('.more')?.textContent?.includes('Full privacy notice'));
    expect(el.version).to.equal(notice.version);
    const short = root.querySelector('[part="short"]')!;
    expect(short.querySelector('[data-item="controller"]')!.textContent).to.equal('Acme Consulting SARL');
    expect(short.querySelector('[data-item="purpose"]')!.textContent).to.contain('Handle your appointment request.');
    expect(short.querySelector('[data-item="legal-basis"]')!.textContent).to.contain('Art. 6(1)(b)');
    expect(short.querySelector('[data-item="rights"]')!.textContent).to.contain('Erasure');
    expect(root.querySelector<HTMLAnchorElement>('[part="policy-link"]')!.getAttribute('href')).to.equal('/privacy');
    const pop = root.querySelector<HTMLElement>('[part="popover"]')!;
    expect(pop.matches(':popover-open')).to.equal(false);
    expect(pop.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();

    const more = root.querySelector<HTMLButtonElement>('.more')!;
    more.focus();
    more.click();
    await waitFor(() => pop.matches(':popover-open'));
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(root.activeElement).to.equal(pop);
    for (const art of ART13) {
      const item = pop.querySelector(`[data-art="${art}"]`);
      expect(item, art).to.not.equal(null);
      expect(item!.textContent!.trim().length, art).to.be.greaterThan(2);
    }
    expect(pop.querySelector('[data-art="13-1-d"]')!.textContent).to.contain('Making sure appointments are kept.');
    expect(pop.querySelector('[data-art="13-2-b"]')!.querySelectorAll('li').length).to.equal(6);
    // Positioned by floating-ui next to its button, inside the viewport.
    await waitFor(() => pop.style.top !== '');
    const r = pop.getBoundingClientRect();
    expect(r.height).to.be.greaterThan(50);
    expect(r.top).to.be.at.least(0);
    expect(r.bottom).to.be.at.most(innerHeight + 1);
    await expect(el).to.be.accessible();

    pop.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => !pop.matches(':popover-open'));
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(root.activeElement).to.equal(more);
  });

  it('closes on a click outside without stealing focus, and follows the language', async () => {
    // (The fixture root is the element itself: open-wc waits a frame for other roots, and a
    // background tab of the shared runner may never paint one.)
    const el = await fixture<CkPrivacyNotice>(html`<ck-privacy-notice lang="fr" .client=${client} .notice=${notice}></ck-privacy-notice>`);
    const out = document.createElement('button');
    out.textContent = 'x';
    el.after(out);
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('.more')?.textContent?.includes('Notice d’information complète'));
    root.querySelector<HTMLButtonElement>('.more')!.click();
    const pop = root.querySelector<HTMLElement>('[part="popover"]')!;
    await waitFor(() => pop.matches(':popover-open'));
    expect(pop.textContent).to.contain('Responsable du traitement');
    out.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await waitFor(() => !pop.matches(':popover-open'));
    out.remove();
  });

  it('renders right to left in Arabic', async () => {
    const el = await fixture<CkPrivacyNotice>(html`<ck-privacy-notice lang="ar" .client=${client} .notice=${notice}></ck-privacy-notice>`);
    await waitFor(() => el.shadowRoot!.querySelector('[part="short"]')?.getAttribute('dir') === 'rtl');
    expect(el.shadowRoot!.querySelector('dt')!.textContent).to.equal('المسؤول عن المعالجة');
  });

  describe('when the server cannot be reached', () => {
    const worker = setupWorker();
    before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
    after(() => worker.stop());

    it('says so, announces it, and offers a retry; no version is exposed', async () => {
      let calls = 0;
      let query = '';
      worker.use(
        http.get('*/v1/sites/:site/privacy-notice', ({ request }) => {
          calls++;
          query = new URL(request.url).search;
          return HttpResponse.error();
        }),
      );
      const errors: Event[] = [];
      const el = await fixture<CkPrivacyNotice>(
        html`<ck-privacy-notice purpose="newsletter" .client=${client} @ck-privacy-notice-error=${(e: Event) => errors.push(e)}></ck-privacy-notice>`,
      );
      await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'));
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
      expect(errors.length).to.equal(1);
      expect(query).to.equal('?purpose=newsletter&locale=en');
      expect(el.version).to.equal(undefined);
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await waitFor(() => calls === 2);
    });
  });
});
