// Browser test: an element gets its client from context and its strings in the page language.
import { expect, fixture, html as h } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { createClient } from './client.js';
import { LocalizeController, provideClient } from './lit.js';

class CkTestLocalized extends LitElement {
  private l10n = new LocalizeController(this, 'test', {
    en: async () => ({ hello: 'Hello {{name}}' }),
    fr: async () => ({ hello: 'Bonjour {{name}}' }),
    ar: async () => ({ hello: 'مرحبا {{name}}' }),
  });
  override render() {
    return html`<p dir=${this.l10n.dir}>${this.l10n.t('hello', { name: '<b>Ada</b>' })}</p>`;
  }
}
customElements.define('ck-test-localized', CkTestLocalized);

const config = {
  site: 'demo',
  policyUrl: '/p',
  categories: [{ id: 'necessary', title: 'N', description: 'n', necessary: true }],
  text: { fr: { test: { hello: 'Salut {{name}}' } } },
};

describe('LocalizeController', () => {
  it('resolves the client from context, the language from lang, applies overrides, escapes values, follows lang changes', async () => {
    const client = createClient(config, { start: false });
    const wrap = await fixture<HTMLDivElement>(h`<div lang="fr"><ck-test-localized></ck-test-localized></div>`);
    provideClient(wrap, client);
    const el = wrap.querySelector('ck-test-localized')!;
    // The element was created before the provider: re-request context by reconnecting.
    wrap.append(el);
    const text = () => el.shadowRoot!.querySelector('p')?.textContent;
    await waitFor(() => text() === 'Salut <b>Ada</b>');
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    wrap.setAttribute('lang', 'ar');
    el.setAttribute('lang', 'ar');
    await waitFor(() => text() === 'مرحبا <b>Ada</b>');
    expect(el.shadowRoot!.querySelector('p')!.dir).to.equal('rtl');
    wrap.setAttribute('lang', 'de');
    el.setAttribute('lang', 'de-AT');
    await waitFor(() => text() === 'Hello <b>Ada</b>');
  });
});

async function waitFor(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
