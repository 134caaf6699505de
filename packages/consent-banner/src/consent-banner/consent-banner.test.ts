// Browser tests of <ck-consent-banner> and its <ck-consent-preferences> dialog in Chromium:
// equal Accept/Reject (R4–R6), nothing pre-ticked (R7), close/Escape never grant (R2, R3),
// records queued (R16), revision bump (R15), focus handling, escaping, GPC, axe in
// light/dark and ltr/rtl.
import { expect, fixture, html } from '@open-wc/testing';
import type { Client } from '@consentkit/core';
import '../define.js';
import type { CkConsentBanner } from './consent-banner.js';
import { contrast, deepActive, makeClient, reset, waitFor } from '../test-helpers.js';

async function mount(client: Client, layout?: string, theme?: string): Promise<CkConsentBanner> {
  const el = await fixture<CkConsentBanner>(html`<ck-consent-banner .client=${client} layout=${layout ?? 'bar-bottom'} theme=${theme ?? 'light'}></ck-consent-banner>`);
  await waitFor(() => el.shadowRoot!.querySelector('ck-consent-preferences'));
  return el;
}
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const prefsOf = (el: CkConsentBanner) => el.shadowRoot!.querySelector('ck-consent-preferences')!;

describe('<ck-consent-banner>', () => {
  let client: Client;
  beforeEach(function () {
    reset();
    document.documentElement.lang = 'en';
    client = makeClient();
  });
  afterEach(() => client.stop());

  it('shows Accept all and Reject all as sibling <button>s of equal size, font, weight and ≥4.5:1 contrast, light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount(client, 'bar-bottom', theme);
      const accept = part(el, 'accept-all');
      const reject = part(el, 'reject-all');
      expect(accept.tagName).to.equal('BUTTON');
      expect(reject.tagName).to.equal('BUTTON');
      expect(reject.parentElement).to.equal(accept.parentElement);
      expect(part(el, 'banner').contains(reject)).to.equal(true);
      const [a, r] = [getComputedStyle(accept), getComputedStyle(reject)];
      for (const p of ['font-family', 'font-size', 'font-weight', 'background-color', 'color', 'border-color', 'padding-top']) {
        expect(r.getPropertyValue(p), p).to.equal(a.getPropertyValue(p));
      }
      const [ab, rb] = [accept.getBoundingClientRect(), reject.getBoundingClientRect()];
      expect(Math.abs(ab.height - rb.height)).to.be.lessThan(1);
      expect(Math.abs(ab.width - rb.width)).to.be.lessThan(1);
      expect(contrast(a.color, a.backgroundColor)).to.be.greaterThan(4.5);
      expect(contrast(r.color, r.backgroundColor)).to.be.greaterThan(4.5);
      await expect(el).to.be.accessible();
    }
  });

  it('Reject all stores a refusal and queues exactly one consent record', async () => {
    const el = await mount(client);
    part(el, 'reject-all').click();
    await waitFor(() => client.consent.get());
    expect(client.consent.get()).to.include({ action: 'reject_all' });
    expect(client.consent.get()!.granted).to.deep.equal(['necessary']);
    const [rec, ...more] = client.outbox.pending();
    expect(more).to.have.length(0);
    expect(rec).to.include({ action: 'reject_all', source: 'banner', locale: 'en', site: 'demo' });
    expect(rec!.denied).to.deep.equal(['analytics', 'media']);
    expect(rec!.textHash).to.match(/^[0-9a-f]{64}$/);
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(part(el, 'reopen')).to.exist;
  });

  it('the close control is labelled as refusing, and refuses; Escape, scrolling and clicks outside decide nothing', async () => {
    const el = await mount(client);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    part(el, 'banner').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    window.dispatchEvent(new Event('scroll'));
    document.body.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(client.consent.get()).to.equal(null);
    expect(el.open).to.equal(true);
    const close = part(el, 'close');
    expect(close.getAttribute('aria-label')).to.match(/reject/i);
    close.click();
    const s = await waitFor(() => client.consent.get());
    expect(s.granted).to.deep.equal(['necessary']);
  });

  it('modal layout: Escape does not close the banner nor grant anything', async () => {
    const el = await mount(client, 'modal');
    const dialog = part(el, 'banner') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await new Promise((r) => setTimeout(r, 20));
    expect(dialog.open).to.equal(true);
    expect(client.consent.get()).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('Customise opens the preferences dialog with nothing pre-ticked, focus inside; Escape closes it, focus returns, nothing stored', async () => {
    const el = await mount(client);
    part(el, 'customise').focus();
    part(el, 'customise').click();
    const prefs = prefsOf(el);
    const dialog = await waitFor(() => prefs.shadowRoot!.querySelector('dialog'));
    await waitFor(() => dialog.open);
    expect(prefs.shadowRoot!.contains(deepActive())).to.equal(true);
    const boxes = [...dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.length).to.equal(5);
    const necessary = boxes.filter((b) => b.disabled);
    expect(necessary.map((b) => b.checked)).to.deep.equal([true]);
    expect(boxes.filter((b) => !b.disabled).every((b) => !b.checked)).to.equal(true);
    await expect(prefs).to.be.accessible();
    prefs.theme = 'dark';
    await prefs.updateComplete;
    await expect(prefs).to.be.accessible();
    // What Escape does to a modal dialog: cancel, then close.
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    dialog.close();
    dialog.dispatchEvent(new Event('close'));
    await waitFor(() => !prefs.open);
    expect(deepActive()?.getAttribute('part')).to.equal('customise');
    expect(client.consent.get()).to.equal(null);
    expect(el.open).to.equal(true);
  });

  it('Save stores exactly the ticked choices (per service too); reopening shows the current state; withdrawing takes as many clicks as accepting', async () => {
    const el = await mount(client);
    await el.showPreferences();
    const prefs = prefsOf(el);
    const dialog = await waitFor(() => prefs.shadowRoot!.querySelector('dialog'));
    dialog.querySelector<HTMLInputElement>('input[name="analytics"]')!.click();
    dialog.querySelector<HTMLInputElement>('input[name="media:youtube"]')!.click();
    await prefs.updateComplete;
    prefs.shadowRoot!.querySelector<HTMLElement>('[part="save"]')!.click();
    const s = await waitFor(() => client.consent.get());
    expect(s.granted).to.deep.equal(['necessary', 'analytics']);
    expect(s.services).to.deep.equal(['youtube']);
    expect(client.outbox.pending()).to.have.length(1);
    await el.updateComplete;
    // Withdraw from the re-open control: open + Reject all = 2 clicks, same as open + Accept all.
    part(el, 'reopen').click();
    const d2 = await waitFor(() => prefs.shadowRoot!.querySelector('dialog[open]'));
    expect(d2.querySelector<HTMLInputElement>('input[name="analytics"]')!.checked).to.equal(true);
    expect(d2.querySelector<HTMLInputElement>('input[name="media:youtube"]')!.checked).to.equal(true);
    expect(d2.querySelector<HTMLInputElement>('input[name="media:vimeo"]')!.checked).to.equal(false);
    prefs.shadowRoot!.querySelector<HTMLElement>('[part="reject-all"]')!.click();
    await waitFor(() => client.consent.get()!.action === 'withdraw');
    expect(client.consent.get()!.granted).to.deep.equal(['necessary']);
    const recs = client.outbox.pending();
    expect(recs).to.have.length(2);
    expect(recs[1]).to.include({ action: 'withdraw', source: 'withdrawal' });
    await waitFor(() => !prefs.open);
    expect(deepActive()?.getAttribute('part')).to.equal('reopen');
  });

  it('fires ck-consent-change (bubbling to window) on every decision', async () => {
    const el = await mount(client);
    const seen: string[][] = [];
    const on = (e: Event) => seen.push((e as CustomEvent & { state: { granted: string[] } }).state.granted);
    window.addEventListener('ck-consent-change', on);
    part(el, 'accept-all').click();
    await waitFor(() => seen.length === 1);
    window.removeEventListener('ck-consent-change', on);
    expect(seen[0]).to.deep.equal(['necessary', 'analytics', 'media']);
  });

  it('a revision bump shows the banner again; a refusal of the current revision does not', async () => {
    let el = await mount(client);
    part(el, 'reject-all').click();
    await waitFor(() => client.consent.get());
    el = await mount(makeClient());
    expect(el.open).to.equal(false);
    const bumped = makeClient({ revision: 2 });
    el = await mount(bumped);
    expect(el.open).to.equal(true);
    expect(bumped.consent.consentId()).to.equal(client.consent.consentId());
  });

  it('renders HTML/script payloads from the config as text', async () => {
    const payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const evil = makeClient({
      categories: [
        { id: 'necessary', title: payload, description: payload, necessary: true },
        { id: 'analytics', title: payload, description: payload, services: [{ id: 'x', name: payload, provider: payload }], cookies: [{ name: payload, purpose: payload }] },
      ],
      text: { en: { 'consent-banner': { title: payload, body: payload } } },
    });
    const el = await mount(evil);
    await el.showPreferences();
    const prefs = prefsOf(el);
    const dialog = await waitFor(() => prefs.shadowRoot!.querySelector('dialog[open]'));
    dialog.querySelectorAll('details').forEach((d) => (d.open = true));
    await new Promise((r) => setTimeout(r, 100));
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(prefs.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(part(el, 'title').textContent).to.equal(payload);
  });

  it('under Global Privacy Control, Accept all leaves the GPC categories off and the dialog says so', async () => {
    const gpc = makeClient({}, true);
    const el = await mount(gpc);
    await el.showPreferences();
    const prefs = prefsOf(el);
    await waitFor(() => prefs.shadowRoot!.querySelector('[part="gpc-note"]'));
    prefs.shadowRoot!.querySelector<HTMLElement>('[part="accept-all"]')!.click();
    const s = await waitFor(() => gpc.consent.get());
    expect(s.granted).to.deep.equal(['necessary', 'media']);
    expect(s.gpc).to.equal(true);
  });

  it('follows the page language and direction (Arabic: rtl), accessible in rtl light and dark', async () => {
    document.documentElement.lang = 'ar';
    for (const theme of ['light', 'dark']) {
      const el = await mount(makeClient(), 'box', theme);
      await waitFor(() => part(el, 'accept-all').textContent!.trim() === 'قبول الكل');
      expect(part(el, 'banner').getAttribute('dir')).to.equal('rtl');
      await expect(el).to.be.accessible();
      await el.showPreferences();
      const prefs = prefsOf(el);
      const dialog = await waitFor(() => prefs.shadowRoot!.querySelector('dialog[open]'));
      expect(dialog.getAttribute('dir')).to.equal('rtl');
      await expect(prefs).to.be.accessible();
      prefs.hide();
    }
    document.documentElement.lang = 'en';
  });
});
