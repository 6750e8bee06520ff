import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { type ConsentText, consentVersion } from '../../../src/registration/consent';
import { FIXTURE_CONTENT } from '../../support/fixture-content';

const text: ConsentText = {
  summary: { id: 'Data Anda dipakai untuk program ini.', en: 'Your data is used for this program.' },
  label: { id: 'Saya setuju.', en: 'I agree.' },
};

describe('the consent version recorded with each registration', () => {
  it('names the notice date and the wording', () => {
    expect(consentVersion(text, '2026-11-29')).toMatch(/^2026-11-29#[0-9a-f]{8}$/);
    expect(consentVersion(structuredClone(text), '2026-11-29')).toBe(consentVersion(text, '2026-11-29'));
  });

  it.each([
    ['the Indonesian summary', (t: ConsentText) => (t.summary.id += ' Diubah.')],
    ['the Indonesian label', (t: ConsentText) => (t.label.id = 'Saya setuju sekali.')],
    ['the English summary', (t: ConsentText) => (t.summary.en += ' Changed.')],
    ['the English label', (t: ConsentText) => (t.label.en = 'I do agree.')],
  ])('changes when %s changes', (_what, edit) => {
    const changed = structuredClone(text);
    edit(changed);
    expect(consentVersion(changed, '2026-11-29')).not.toBe(consentVersion(text, '2026-11-29'));
  });

  it('changes with the notice date alone', () => {
    expect(consentVersion(text, '2026-12-01')).not.toBe(consentVersion(text, '2026-11-29'));
  });

  it('is computed from the wording as staff keep it in the CMS (settings → privacy.consent)', async () => {
    // The tests' content, not the live one: any wording staff publish must give its own version.
    const settings = parseYaml(await readFile(join(FIXTURE_CONTENT, 'settings/site.yaml'), 'utf8')) as {
      privacy: { consent: ConsentText };
    };
    const version = consentVersion(settings.privacy.consent, '2026-11-29');
    expect(version).toMatch(/^2026-11-29#[0-9a-f]{8}$/);
    const edited = structuredClone(settings.privacy.consent);
    // One word of the summary changed (the country where data is stored, say): a new version.
    edited.summary.id = edited.summary.id.replace(/\S+$/, 'berubah.');
    expect(edited.summary.id).not.toBe(settings.privacy.consent.summary.id);
    expect(consentVersion(edited, '2026-11-29')).not.toBe(version);
  });
});
