import { describe, expect, it } from 'vitest';
import { cachedConfig, rememberConfig } from '../src/config-cache.js';
import { parseConfig } from '../src/config.js';
import { demoConfig } from './fixtures.js';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
};

describe('validated config cache (loader fast path)', () => {
  it('reuses the validated config only for the identical text', () => {
    const s = memory();
    const text = JSON.stringify(demoConfig());
    expect(cachedConfig('demo', text, s)).toBeNull();
    const { config } = parseConfig(JSON.parse(text));
    rememberConfig(text, config, s);
    expect(cachedConfig('demo', text, s)).toEqual(config);
    // One character changed (a category renamed, a revision bumped): validate again.
    expect(cachedConfig('demo', text.replace('"revision":3', '"revision":4'), s)).toBeNull();
    expect(cachedConfig('demo', text + ' ', s)).toBeNull();
  });

  it('treats a corrupt entry as absent', () => {
    const s = memory();
    s.setItem('ck_config:demo', '{oops');
    expect(cachedConfig('demo', '{}', s)).toBeNull();
  });
});
