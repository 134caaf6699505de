import { describe, expect, it, vi } from 'vitest';
import { parseConfig, localize } from '../src/config.js';
import { demoConfig } from './fixtures.js';

const quiet = () => ({ error: vi.fn() });

describe('parseConfig', () => {
  it('accepts a valid config and fills defaults', () => {
    const log = quiet();
    const r = parseConfig(demoConfig(), log);
    expect(r.ok).toBe(true);
    expect(log.error).not.toHaveBeenCalled();
    expect(r.config.cookie).toEqual({ name: 'ck_consent', path: '/', lifetimeDays: 182 });
    expect(r.config.categories[1]!.services[0]!.cookies[0]!.name).toBe('^_pk_');
  });

  it('names the path and the value of a bad nested field', () => {
    const cfg = demoConfig() as any;
    cfg.categories[2].cookies = [{ name: 42 }];
    const log = quiet();
    const r = parseConfig(cfg, log);
    expect(r.ok).toBe(false);
    expect(r.issues[0]!.path).toBe('categories[2].cookies[0].name');
    expect(r.issues[0]!.value).toBe(42);
    const printed = log.error.mock.calls[0]![0] as string;
    expect(printed).toMatch(/categories\[2\]\.cookies\[0\]\.name: .*expected string.* \(got 42\)/i);
  });

  it('falls back to a config where nothing non-essential exists', () => {
    const cfg = demoConfig() as any;
    cfg.cookie = { lifetimeDays: 1000 };
    const r = parseConfig(cfg, quiet());
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toContain('cookie.lifetimeDays');
    expect(r.config.categories.map((c) => c.id)).toEqual(['necessary']);
    expect(r.config.site).toBe('demo');
  });

  it('rejects what the schema alone cannot see: duplicate ids, unknown Consent Mode categories, bad patterns', () => {
    const cfg = demoConfig() as any;
    cfg.categories.push({ id: 'media', title: 'x', description: 'y' });
    cfg.consentMode = { mapping: { analytics_storage: ['stats'] } };
    cfg.categories[1].services[0].cookies.push({ name: '([', pattern: true });
    const r = parseConfig(cfg, quiet());
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        'categories[4].id: duplicate category id',
        'consentMode.mapping.analytics_storage[0]: unknown category',
        'categories[1]: invalid cookie pattern ([',
      ]),
    );
  });

  it('reports non-objects without throwing', () => {
    for (const bad of [null, 'x', 42, [], { site: 'demo' }]) {
      const r = parseConfig(bad, quiet());
      expect(r.ok).toBe(false);
      expect(r.config.categories).toHaveLength(1);
    }
  });
});

describe('localize', () => {
  it('falls back exact → base language → fallback → first', () => {
    const t = { en: 'Analytics', fr: 'Mesure' };
    expect(localize(t, 'fr-CA')).toBe('Mesure');
    expect(localize(t, 'de')).toBe('Analytics');
    expect(localize({ fr: 'Mesure' }, 'de')).toBe('Mesure');
    expect(localize('plain', 'de')).toBe('plain');
  });
});
