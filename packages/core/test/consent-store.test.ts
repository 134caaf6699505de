import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../src/config.js';
import { checksum, createConsentStore, type CookieJar } from '../src/consent-store.js';
import { demoConfig } from './fixtures.js';

function memoryJar() {
  const values = new Map<string, string>();
  const jar: CookieJar & { values: Map<string, string>; attrs: unknown[] } = {
    values,
    attrs: [],
    get: (n) => values.get(n),
    set: (n, v, a) => (jar.attrs.push(a), values.set(n, v)),
    remove: (n) => void values.delete(n),
  };
  return jar;
}
const DAY = 86_400_000;

function setup(overrides: Record<string, unknown> = {}) {
  const config = parseConfig({ ...demoConfig(), ...overrides }).config;
  const jar = memoryJar();
  let now = Date.parse('2026-06-01T12:00:00Z');
  const store = createConsentStore(config, { jar, now: () => now, secure: true });
  return { config, jar, store, advance: (ms: number) => (now += ms) };
}
/** Rewrite the stored cookie through `edit`, optionally re-computing its checksum. */
function edit(jar: ReturnType<typeof memoryJar>, fn: (w: any) => void, fixChecksum = true) {
  const w = JSON.parse(jar.values.get('ck_consent')!);
  fn(w);
  if (fixChecksum) w.h = checksum(JSON.stringify([w.v, w.i, w.r, w.g, w.d, w.s, w.a, w.p, w.t, w.x]));
  jar.values.set('ck_consent', JSON.stringify(w));
}

describe('consent store', () => {
  it('starts with no consent and stores a custom choice', () => {
    const { store } = setup();
    expect(store.get()).toBeNull();
    expect(store.isGranted('analytics')).toBe(false);
    expect(store.isGranted('necessary')).toBe(true);
    const s = store.set({ granted: ['analytics'], action: 'custom' });
    expect(s.granted).toEqual(['necessary', 'analytics']);
    expect(s.denied).toEqual(['media', 'fonts']);
    expect(s.services).toEqual(['matomo']);
    expect(store.isGranted('analytics', 'matomo')).toBe(true);
    expect(store.isGranted('media', 'youtube')).toBe(false);
  });

  it('grants a category only when all its services are granted', () => {
    const { store } = setup();
    const s = store.set({ granted: [], services: ['youtube'], action: 'custom' });
    expect(s.granted).not.toContain('media');
    expect(store.isGranted('media', 'youtube')).toBe(true);
    expect(store.isGranted('media', 'vimeo')).toBe(false);
  });

  it('writes SameSite=Lax, Secure, path and the configured lifetime', () => {
    const { store, jar } = setup({ cookie: { domain: '.example.test', lifetimeDays: 30 } });
    const s = store.set({ granted: [], action: 'reject_all' });
    expect(jar.attrs[0]).toMatchObject({ sameSite: 'Lax', secure: true, path: '/', domain: '.example.test' });
    expect(s.expiresAt - s.updatedAt).toBe(30 * DAY);
  });

  it('keeps a refusal as long as a consent (R14)', () => {
    const { store, advance } = setup();
    store.set({ granted: [], action: 'reject_all' });
    advance(181 * DAY);
    expect(store.get()?.action).toBe('reject_all');
    advance(2 * DAY);
    expect(store.get()).toBeNull();
  });

  const tamperings: [string, (w: any) => void, boolean?][] = [
    ['a granted list edited by hand (checksum mismatch)', (w) => w.g.push('media'), false],
    ['truncated', () => {}],
    ['wrong type of granted', (w) => (w.g = 'analytics')],
    ['wrong version', (w) => (w.v = 2)],
    ['a category both granted and denied', (w) => w.g.push('media')],
    ['an older revision', (w) => (w.r = 2)],
    ['an expiry in the past', (w) => (w.x = w.t - 1)],
    ['a lifetime longer than configured', (w) => (w.x = w.t + 400 * DAY)],
    ['a consentId that is not a UUID', (w) => (w.i = 'x')],
    ['an unknown action', (w) => (w.a = 'grant_everything')],
    ['a missing decision for a category', (w) => (w.d = w.d.filter((c: string) => c !== 'fonts'))],
  ];
  for (const [label, fn, fix] of tamperings) {
    it(`reads ${label} as no consent`, () => {
      const { store, jar } = setup();
      store.set({ granted: ['analytics'], action: 'custom' });
      if (label === 'truncated') jar.values.set('ck_consent', jar.values.get('ck_consent')!.slice(0, 40));
      else edit(jar, fn, fix ?? true);
      expect(store.get()).toBeNull();
      expect(store.isGranted('analytics')).toBe(false);
    });
  }

  it('asks again when a category or a service is added (R15)', () => {
    const a = setup();
    a.store.set({ granted: ['analytics', 'media', 'fonts'], action: 'accept_all' });
    const cfg = demoConfig() as any;
    cfg.categories[2].services.push({ id: 'dailymotion', name: 'Dailymotion' });
    const b = createConsentStore(parseConfig(cfg).config, { jar: a.jar, now: () => Date.parse('2026-06-02T00:00:00Z') });
    expect(b.get()).toBeNull();
    // …but keeps the visitor's consentId for the history.
    expect(b.consentId()).toBe(a.store.get()!.consentId);
  });

  it('reads garbage as no consent', () => {
    const { store, jar } = setup();
    for (const v of ['', '{', 'null', '[]', '"x"', '{"v":1}', 'x'.repeat(5000)]) {
      jar.values.set('ck_consent', v);
      expect(store.get()).toBeNull();
    }
  });

  it('keeps one consentId across changes and notifies subscribers', () => {
    const { store } = setup();
    const seen = vi.fn();
    store.subscribe(seen);
    const a = store.set({ granted: ['analytics'], action: 'custom' });
    const b = store.set({ granted: [], action: 'withdraw' });
    expect(a.consentId).toBe(b.consentId);
    expect(seen).toHaveBeenCalledTimes(2);
    expect(seen.mock.calls[1]![1]).toEqual(a);
  });
});
