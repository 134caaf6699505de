// The loader draws the re-open button without i18next: its labels must stay equal to the
// banner's `reopen` string in every bundled language.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reopenLabels } from '../src/reopen-labels.js';

describe('loader re-open labels', () => {
  it('match consent-banner locales, one per bundled language', () => {
    const dir = 'packages/consent-banner/src/locales';
    const langs = readdirSync(dir).map((f) => f.replace('.json', '')).sort();
    expect(Object.keys(reopenLabels).sort()).toEqual(langs);
    for (const l of langs) expect(reopenLabels[l], l).toBe(JSON.parse(readFileSync(`${dir}/${l}.json`, 'utf8')).reopen);
  });
});
