import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { type ConsentText, consentVersion } from '../../../src/registration/consent';

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

  it('is computed from the wording staff edit in the CMS (content/settings/site.yaml)', async () => {
    const settings = parseYaml(await readFile('content/settings/site.yaml', 'utf8')) as { privacy: { consent: ConsentText } };
    expect(settings.privacy.consent.label.id).toMatch(/setuju/);
    const edited = structuredClone(settings.privacy.consent);
    edited.summary.id = edited.summary.id.replace('Amerika Serikat', 'Singapura');
    expect(consentVersion(edited, '2026-11-29')).not.toBe(consentVersion(settings.privacy.consent, '2026-11-29'));
  });
});
