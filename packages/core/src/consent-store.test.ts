// Browser test (real Chromium cookies): the consent cookie round-trips through js-cookie.
import { expect } from '@open-wc/testing';
import Cookies from 'js-cookie';
import { createClient } from './client.js';
import { readConsent, readCookie } from './consent-cookie.js';

const config = {
  site: 'demo',
  policyUrl: '/privacy',
  revision: 2,
  cookie: { name: 'ck_test' },
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'x', necessary: true },
    { id: 'analytics', title: 'Analytics', description: 'y', services: [{ id: 'matomo', name: 'Matomo' }] },
  ],
};

describe('consent cookie in Chromium', () => {
  afterEach(() => Cookies.remove('ck_test', { path: '/' }));

  it('round-trips a choice through document.cookie', () => {
    const a = createClient(config, { start: false });
    expect(a.consent.get()).to.equal(null);
    const state = a.consent.set({ granted: ['analytics'], action: 'accept_all' });
    expect(document.cookie).to.contain('ck_test=');
    // A second client (a new page load) reads the same decision back.
    const b = createClient(config, { start: false });
    expect(b.consent.get()).to.deep.equal(state);
    expect(b.consent.isGranted('analytics', 'matomo')).to.equal(true);
  });

  it('the loader reads what js-cookie wrote without js-cookie (readCookie + readConsent)', () => {
    const a = createClient(config, { start: false });
    // The value is JSON: its quotes and commas are percent-encoded by js-cookie.
    const state = a.consent.set({ granted: ['analytics'], action: 'custom' });
    expect(document.cookie).to.match(/ck_test=[^;]*%2C/);
    expect(readConsent(a.config, readCookie('ck_test'), Date.now())).to.deep.equal(state);
    document.cookie = 'ck_test=%E0%A4%A; path=/'; // malformed percent-encoding
    expect(readCookie('ck_test')).to.equal(undefined);
    expect(readConsent(a.config, readCookie('ck_test'), Date.now())).to.equal(null);
    expect(readCookie('ck_missing')).to.equal(undefined);
  });

  it('reads a hand-edited cookie as no consent', () => {
    const a = createClient(config, { start: false });
    a.consent.set({ granted: [], action: 'reject_all' });
    const raw = JSON.parse(Cookies.get('ck_test')!);
    raw.g = ['analytics'];
    raw.d = [];
    Cookies.set('ck_test', JSON.stringify(raw), { path: '/' });
    expect(createClient(config, { start: false }).consent.get()).to.equal(null);
    expect(createClient(config, { start: false }).consent.isGranted('analytics')).to.equal(false);
  });

  it('voids consent given for an older revision', () => {
    createClient(config, { start: false }).consent.set({ granted: ['analytics'], action: 'accept_all' });
    const bumped = createClient({ ...config, revision: 3 }, { start: false });
    expect(bumped.consent.get()).to.equal(null);
  });
});
