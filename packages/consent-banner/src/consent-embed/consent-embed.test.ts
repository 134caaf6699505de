// Browser tests of <ck-consent-embed>: the placeholder names the provider and category, is
// accessible (light/dark, ltr/rtl), "Load this once" loads without storing consent, "Always
// allow" stores a decision (one record) and the gate shows the content.
import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import { connectGate } from '../gate.js';
import type { CkConsentEmbed } from './consent-embed.js';
import { makeClient as baseClient, reset, waitFor } from '../test-helpers.js';

// Own cookie: the banner tests run in a parallel page of the same origin.
const makeClient = () => baseClient({ cookie: { name: 'ck_embed_test', path: '/', lifetimeDays: 182 } });

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

async function mount(client: ReturnType<typeof makeClient>, theme = 'light'): Promise<CkConsentEmbed> {
  const el = await fixture<CkConsentEmbed>(html`<ck-consent-embed .client=${client} theme=${theme}
    ><iframe title="Intro video" data-ck-category="media" data-ck-service="youtube" data-src="about:blank#video"></iframe
  ></ck-consent-embed>`);
  await waitFor(() => el.shadowRoot!.querySelector('[part="load-once"]'));
  return el;
}

describe('<ck-consent-embed>', () => {
  beforeEach(() => {
    reset();
    document.cookie = 'ck_embed_test=; max-age=0; path=/';
    document.documentElement.lang = 'en';
  });

  it('says who provides the content and is accessible in light/dark, ltr/rtl', async () => {
    for (const lang of ['en', 'he']) {
      document.documentElement.lang = lang;
      for (const theme of ['light', 'dark']) {
        const client = makeClient();
        const el = await mount(client, theme);
        if (lang === 'en') {
          expect(el.shadowRoot!.textContent).to.contain('Content from Google Ireland');
          expect(part(el, 'always-allow').textContent).to.contain('Always allow Media');
        } else {
          await waitFor(() => part(el, 'placeholder').getAttribute('dir') === 'rtl');
        }
        expect(el.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
        await expect(el).to.be.accessible();
      }
    }
  });

  it('Load this once loads this content only, storing no consent', async () => {
    const client = makeClient();
    const el = await mount(client);
    part(el, 'load-once').click();
    await el.updateComplete;
    expect(el.querySelector('iframe')!.getAttribute('src')).to.equal('about:blank#video');
    expect(el.shadowRoot!.querySelector('[part="placeholder"]')).to.equal(null);
    expect(client.consent.get()).to.equal(null);
    expect(client.outbox.pending()).to.have.length(0);
  });

  it('Always allow stores one decision for the service and the gate loads it', async () => {
    const client = makeClient();
    const gate = connectGate(client);
    const el = await mount(client);
    part(el, 'always-allow').click();
    await waitFor(() => el.querySelector('iframe')!.getAttribute('src'));
    const s = client.consent.get()!;
    expect(s.services).to.deep.equal(['youtube']);
    expect(client.outbox.pending()).to.have.length(1);
    expect(client.outbox.pending()[0]).to.include({ source: 'embed', action: 'custom' });
    await waitFor(() => !el.shadowRoot!.querySelector('[part="placeholder"]'));
    gate.disconnect();
  });
});
