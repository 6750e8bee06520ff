import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { t } from '../../../src/i18n';
import { fields } from '../../../src/registration/fields';
import { renderForm } from '../../../src/registration/form-html';
import { validateRegistration } from '../../../src/registration/validate';
import type { RawInput } from '../../../src/shared/raw-input';
import { person } from '../../../tools/people';
import { registrationConfig as config } from '../../support/registration-config';

const TODAY = '2026-11-27';
const valid = (over: RawInput = {}): RawInput => ({ ...person({ birthDate: '1999-03-14' }), ...over });

describe('registration rules', () => {
  it('accepts a valid applicant and normalises what it stores', () => {
    const r = validateRegistration(
      valid({ phone: '0812-3456-7890', nik: '3673 0114 0399 9001', fullName: '  Siti   Rahayu ' }),
      config,
      TODAY,
    );
    expect(r.ok && r.value).toMatchObject({ phone: '+6281234567890', nik: '3673011403999001', fullName: 'Siti Rahayu' });
  });

  it('reports every missing required field, and nothing for the optional ones', () => {
    const r = validateRegistration({}, config, TODAY);
    const required = fields
      .filter((f) => !f.optional)
      .map((f) => f.name)
      .sort();
    expect(r.ok).toBe(false);
    expect(Object.keys(!r.ok ? r.errors : {}).sort()).toEqual(required);
  });

  it.each([
    ['a name with digits', { fullName: 'Siti 2' }, 'fullName', 'reg.error.fullName.chars'],
    ['a one-letter name', { fullName: 'S' }, 'fullName', 'reg.error.fullName.length'],
    ['a name in another script is fine, but not with <>', { fullName: 'سيتي <b>' }, 'fullName', 'reg.error.fullName.chars'],
    ['a NIK with 15 digits', { nik: '367301140399900' }, 'nik', 'reg.error.nik.length'],
    ['a NIK with a made-up province', { nik: '9973011403999001' }, 'nik', 'reg.error.nik.invalid'],
    ['a birth date not in the NIK', { birthDate: '1999-03-15' }, 'birthDate', 'reg.error.birthDate.nikMismatch'],
    ['a date that does not exist', { birthDate: '1999-02-30' }, 'birthDate', 'reg.error.birthDate.invalid'],
    ['a date in another format', { birthDate: '14/03/1999' }, 'birthDate', 'reg.error.birthDate.invalid'],
    ['a date in the future', { birthDate: '2030-03-14' }, 'birthDate', 'reg.error.birthDate.future'],
    [
      'three fields, one left empty',
      { birthDate: undefined, 'birthDate-day': '14', 'birthDate-month': '', 'birthDate-year': '1999' },
      'birthDate',
      'reg.error.birthDate.invalid',
    ],
    [
      'three fields, 31 February',
      { birthDate: undefined, 'birthDate-day': '31', 'birthDate-month': '2', 'birthDate-year': '1999' },
      'birthDate',
      'reg.error.birthDate.invalid',
    ],
    [
      'three fields, a two-digit year',
      { birthDate: undefined, 'birthDate-day': '14', 'birthDate-month': '3', 'birthDate-year': '99' },
      'birthDate',
      'reg.error.birthDate.invalid',
    ],
    [
      'three fields, a month as a word',
      { birthDate: undefined, 'birthDate-day': '14', 'birthDate-month': 'Maret', 'birthDate-year': '1999' },
      'birthDate',
      'reg.error.birthDate.invalid',
    ],
    [
      'three fields all empty',
      { birthDate: undefined, 'birthDate-day': '', 'birthDate-month': ' ', 'birthDate-year': '' },
      'birthDate',
      'reg.error.birthDate.required',
    ],
    ['a landline', { phone: '0254 200 000' }, 'phone', 'reg.error.phone.invalid'],
    ['an email without domain', { email: 'siti@' }, 'email', 'reg.error.email.invalid'],
    ['a district outside Kota Serang', { district: 'ciruas' }, 'district', 'reg.error.district.required'],
    ['an unknown education', { education: 'sma-plus' }, 'education', 'reg.error.education.required'],
    ['no destination', { destinations: [] }, 'destinations', 'reg.error.destinations.required'],
    ['a destination not in content', { destinations: ['kanada'] }, 'destinations', 'reg.error.destinations.required'],
    [
      'four destinations',
      { destinations: ['jepang', 'eropa', 'australia', 'timur-tengah'] },
      'destinations',
      'reg.error.destinations.tooMany',
    ],
    ['an unknown sector', { sector: 'pertambangan' }, 'sector', 'reg.error.sector.required'],
    ['an unknown language level', { languageLevel: 'native' }, 'languageLevel', 'reg.error.languageLevel.required'],
    [
      'a certificate over 100 characters',
      { languageCertificate: 'x'.repeat(101) },
      'languageCertificate',
      'reg.error.languageCertificate.length',
    ],
    ['no consent', { consent: undefined }, 'consent', 'reg.error.consent.required'],
    ['consent as "no"', { consent: 'no' }, 'consent', 'reg.error.consent.required'],
  ])('refuses %s', (_why, over, field, key) => {
    const r = validateRegistration(valid(over as RawInput), config, TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({ [field]: key });
  });

  it.each([
    ['consent "yes" from the form', { consent: 'yes' }],
    ['consent true from JSON', { consent: true }],
    [
      'the birth date in three fields, without leading zeros',
      { birthDate: undefined, 'birthDate-day': '14', 'birthDate-month': '3', 'birthDate-year': '1999' },
    ],
    [
      'the birth date in three fields, with leading zeros and spaces',
      { birthDate: undefined, 'birthDate-day': ' 14 ', 'birthDate-month': '03', 'birthDate-year': '1999' },
    ],
    ['one destination as a string (a single form value)', { destinations: 'jepang' }],
    ['the same destination twice counts once', { destinations: ['jepang', 'jepang', 'eropa', 'eropa'] }],
    ['Paket C, equal to SMA', { education: 'paket-c' }],
    ['SMP for plantation work', { education: 'smp', sector: 'perkebunan' }],
    ['a name with apostrophe and hyphen', { fullName: "Sa'id Al-Alwaini" }],
  ])('accepts %s', (_why, over) => {
    expect(validateRegistration(valid(over as RawInput), config, TODAY).ok).toBe(true);
  });

  it.each([
    ['under 18, even with other mistakes', { ...person({ birthDate: '2009-01-10' }), phone: 'x' }, 'age'],
    ['SMP outside plantation work', { education: 'smp', sector: 'konstruksi' }, 'education'],
    ['SD outside plantation work', { education: 'sd' }, 'education'],
  ])('explains ineligibility rather than an error: %s', (_why, over, reason) => {
    const r = validateRegistration(valid(over as RawInput), config, TODAY);
    expect(!r.ok && r.ineligible).toBe(reason);
  });

  it('has a message in both languages for every key the rules can return', () => {
    const source = readFileSync('src/registration/validate.ts', 'utf8');
    const keys = [...source.matchAll(/'(reg\.(?:error|ineligible)\.[\w.]+)'/g)].map((m) => m[1] as Parameters<typeof t>[1]);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) {
      expect(t('id', key)).not.toBe(t('en', key));
    }
  });
});

describe('form markup from the field list', () => {
  const html = renderForm({ lang: 'id', config, privacyHref: '/privasi/', action: '/api/register' });

  it('has a label for every field and marks only the optional ones', () => {
    for (const f of fields.filter((f) => f.kind !== 'hidden')) expect(html).toContain(`id="f-${f.name}"`);
    expect(html.match(/\(opsional\)/g)?.length).toBe(fields.filter((f) => f.optional && f.kind !== 'hidden').length);
  });

  it('asks for the NIK with a numeric keyboard and no spellcheck, and uses autocomplete', () => {
    expect(html).toMatch(/<input id="f-nik" name="nik" type="text"[^>]*inputmode="numeric"[^>]*spellcheck="false"/);
    // Birth date: three short numeric fields in one fieldset, each with its own autocomplete token.
    expect(html).toMatch(/<fieldset[^>]*><legend>Tanggal lahir<\/legend>/);
    expect(html).toMatch(
      /<input id="f-birthDate" name="birthDate-day" type="text" inputmode="numeric"[^>]*maxlength="2" autocomplete="bday-day"/,
    );
    expect(html).toMatch(
      /<input id="f-birthDate-month" name="birthDate-month" type="text" inputmode="numeric"[^>]*autocomplete="bday-month"/,
    );
    expect(html).toMatch(
      /<input id="f-birthDate-year" name="birthDate-year" type="text" inputmode="numeric"[^>]*maxlength="4" autocomplete="bday-year"/,
    );
    expect(html).not.toContain('type="date"');
    expect(html).toMatch(/id="f-phone"[^>]*autocomplete="tel"/);
    expect(html).toContain('novalidate');
  });

  it('re-shows answers escaped, with errors linked from the summary', () => {
    const again = renderForm({
      lang: 'en',
      config,
      privacyHref: '/en/privacy/',
      action: '/api/register',
      values: { fullName: '<img src=x>', destinations: ['eropa'] },
      errors: { fullName: 'reg.error.fullName.chars' },
    });
    expect(again).toContain('value="&lt;img src=x&gt;"');
    expect(again).not.toContain('<img src=x>');
    expect(again).toContain('<a href="#f-fullName">Your name can only contain');
    expect(again).toMatch(/value="eropa" checked/);
  });
});
