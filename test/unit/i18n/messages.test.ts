import { glob, readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { t } from '../../../src/i18n';
import en from '../../../src/i18n/en.json';
import id from '../../../src/i18n/id.json';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

async function sources(): Promise<string> {
  const texts: string[] = [];
  for (const pattern of ['src/**/*.{ts,astro}', 'netlify/**/*.ts']) {
    for await (const f of glob(pattern)) texts.push(await readFile(f, 'utf8'));
  }
  return texts.join('\n');
}

describe('interface strings', () => {
  it('has the same keys in Indonesian and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('uses every key somewhere in the code', async () => {
    const code = await sources();
    // A key is used when it is written out, or when its family is looked up by a template ("region.${…}").
    const unused = Object.keys(id).filter((key) => {
      if (code.includes(`'${key}'`) || code.includes(`"${key}"`)) return false;
      const family = key.slice(0, key.lastIndexOf('.') + 1);
      return !(family && code.includes('`' + family + '${'));
    });
    expect(unused).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('id', 'home.fact.payValue', { min: 8, max: 80 })).toBe('Sekitar Rp8 juta hingga Rp80 juta per bulan');
    expect(t('en', 'home.fact.payValue', { min: 8 })).toBe('From about Rp8 million up to Rp{max} million a month');
  });
});
