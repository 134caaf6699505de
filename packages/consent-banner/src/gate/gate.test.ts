// Browser tests of the headless gate: scripts (src, inline, module, nonce, order, once),
// stylesheets, iframes, services, elements added later, revocation (cookies, Consent Mode,
// undo, reload) — in real Chromium with real cookies.
import { expect } from '@open-wc/testing';
import { createConsentStore, type ConsentState } from '@consentkit/core/lite';
import { parseConfig } from '@consentkit/core';
import { createGate, deleteCookies, consentDefault, type Gate } from '../gate.js';

const config = parseConfig({
  site: 'gatetest',
  cookie: { name: 'ck_gate_test' },
  policyUrl: '/privacy',
  consentMode: { mapping: { analytics_storage: ['analytics'], ad_storage: ['ads'], ad_user_data: ['ads'] } },
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'n', necessary: true },
    { id: 'analytics', title: 'Analytics', description: 'a', cookies: [{ name: '_ga' }, { name: '^_ga_', pattern: true }], reloadOnRevoke: true },
    { id: 'ads', title: 'Ads', description: 'ads' },
    { id: 'media', title: 'Media', description: 'm', services: [{ id: 'youtube', name: 'YouTube' }, { id: 'vimeo', name: 'Vimeo' }] },
  ],
}).config;

const w = window as unknown as { order: string[]; dataLayer: IArguments[] };
const js = (code: string) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
const nextTick = () => new Promise((r) => setTimeout(r, 30));

function state(granted: string[], services: string[] = []): ConsentState {
  const store = createConsentStore(config);
  return store.set({ granted, services, action: 'custom' });
}

describe('gate', () => {
  let host: HTMLElement;
  let gate: Gate | undefined;
  beforeEach(() => {
    w.order = [];
    w.dataLayer = [];
    delete (window as { gtag?: unknown }).gtag;
    host = document.createElement('div');
    document.body.append(host);
    document.cookie = 'ck_gate_test=; max-age=0; path=/';
  });
  afterEach(() => {
    gate?.stop();
    gate = undefined;
    host.remove();
  });

  it('runs nothing before consent; after a grant runs scripts in document order, once, with their nonce', async () => {
    const slow = js('window.order.push("src1")');
    host.innerHTML = `
      <script type="text/plain" data-ck-category="analytics" src="${slow}" nonce="abc"></script>
      <script type="text/plain" data-ck-category="analytics">window.order.push("inline2")</script>
      <script type="text/plain" data-ck-category="analytics" data-src="${js('window.order.push("src3")')}"></script>
      <script type="text/plain" data-ck-category="ads">window.order.push("ads")</script>`;
    gate = createGate({ config });
    await nextTick();
    expect(w.order).to.deep.equal([]);
    gate.update(state(['analytics']));
    await gate.settled();
    expect(w.order).to.deep.equal(['src1', 'inline2', 'src3']);
    const ran = host.querySelector<HTMLScriptElement>('script[src]')!;
    expect(ran.type).to.equal('');
    expect(ran.nonce).to.equal('abc');
    gate.update(state(['analytics']));
    gate.scan();
    await gate.settled();
    expect(w.order).to.deep.equal(['src1', 'inline2', 'src3']);
  });

  it('runs data-ck-type="module" scripts as modules', async () => {
    host.innerHTML = `<script type="text/plain" data-ck-category="analytics" data-ck-type="module" src="${js('window.order.push(typeof import.meta)')}"></script>`;
    gate = createGate({ config, state: state(['analytics']) });
    await gate.settled();
    expect(w.order).to.deep.equal(['object']);
  });

  it('holds stylesheets and iframes until granted; per-service gating; elements added later', async () => {
    host.innerHTML = `<link rel="stylesheet" data-ck-category="analytics" data-href="data:text/css,p{}">
      <iframe title="v" data-ck-category="media" data-ck-service="youtube" data-src="about:blank#yt"></iframe>
      <iframe title="v2" data-ck-category="media" data-ck-service="vimeo" data-src="about:blank#vimeo"></iframe>`;
    gate = createGate({ config });
    expect(host.querySelector('link')!.hasAttribute('href')).to.equal(false);
    expect(host.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    gate.update(state([], ['youtube']));
    const [yt, vimeo] = host.querySelectorAll('iframe');
    expect(yt!.getAttribute('src')).to.equal('about:blank#yt');
    expect(vimeo!.hasAttribute('src')).to.equal(false);
    expect(host.querySelector('link')!.hasAttribute('href')).to.equal(false);
    gate.update(state(['analytics'], ['youtube']));
    expect(host.querySelector('link')!.getAttribute('href')).to.equal('data:text/css,p{}');
    const late = document.createElement('script');
    late.type = 'text/plain';
    late.dataset['ckCategory'] = 'analytics';
    late.text = 'window.order.push("late")';
    host.append(late);
    await nextTick();
    await gate.settled();
    expect(w.order).to.deep.equal(['late']);
  });

  it('on revoke deletes declared cookies (names and patterns, path variants), sends Consent Mode update denied, undoes iframes and reloads when configured', async () => {
    consentDefault(config);
    expect(Array.from(w.dataLayer[0]!)).to.deep.equal(['consent', 'default', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
      functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'denied',
    }]);
    host.innerHTML = `<script type="text/plain" data-ck-category="analytics">window.order.push("a")</script>
      <iframe title="v" data-ck-category="analytics" data-src="about:blank#x"></iframe>`;
    let reloads = 0;
    gate = createGate({ config, reload: () => reloads++ });
    gate.update(state(['analytics']));
    await gate.settled();
    expect(Array.from(w.dataLayer.at(-1)!)[2]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });
    document.cookie = '_ga=1; path=/';
    document.cookie = '_ga_ABC=2; path=/';
    const deep = location.pathname.replace(/\/[^/]*$/, '') || '/';
    document.cookie = `_ga_DEF=3; path=${deep}`;
    document.cookie = 'keepme=1; path=/';
    gate.update(state([]));
    await gate.settled();
    expect(document.cookie).not.to.match(/(^|; )_ga/);
    expect(document.cookie).to.contain('keepme=1');
    expect(Array.from(w.dataLayer.at(-1)!)).to.deep.include('update');
    expect(Array.from(w.dataLayer.at(-1)!)[2]).to.include({ analytics_storage: 'denied' });
    expect(host.querySelector('iframe')!.hasAttribute('src')).to.equal(false);
    expect(reloads).to.equal(1);
    expect(w.order).to.deep.equal(['a']);
    document.cookie = 'keepme=; max-age=0; path=/';
  });

  it('deleteCookies leaves other cookies and the consent cookie alone', () => {
    document.cookie = 'other_gate=1; path=/';
    const gone = deleteCookies([{ name: '^other_gate$', pattern: true }], document, ['other_gate']);
    expect(gone).to.deep.equal([]);
    expect(document.cookie).to.contain('other_gate=1');
    document.cookie = 'other_gate=; max-age=0; path=/';
  });
});
