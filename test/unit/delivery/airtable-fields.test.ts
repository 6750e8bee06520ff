import { describe, expect, it } from 'vitest';

import { errorLabel, isRecordError } from '../../../src/delivery/airtable';
import { columnOf, COLUMNS, formulaString, referencesFormula, toAirtableFields } from '../../../src/delivery/airtable-fields';
import type { Submission } from '../../../src/delivery/outbox-items';
import { choiceLabels } from '../../../src/registration/fields';

const lists = {
  destinations: [{ value: 'jepang', label: { id: 'Jepang', en: 'Japan' } }],
  sectors: [{ value: 'manufaktur', label: { id: 'Manufaktur', en: 'Manufacturing' } }],
  vacancies: [],
} as never;
const values = {
  fullName: 'Uji Coba',
  nik: '3673010101000001',
  birthDate: '2000-01-01',
  phone: '+6281200000001',
  district: 'kasemen',
  education: 'sma',
  destinations: ['jepang', 'dihapus'],
  sector: 'manufaktur',
  languageLevel: 'basic',
};

const submission: Submission = {
  // Synthetic person (tools/people.ts style): not a real NIK or phone number.
  values,
  // As the form showed them when submitted (a value no longer listed keeps its value).
  labels: choiceLabels(values, lists),
  lang: 'en',
  consentVersion: '2025-12-08.abcdef12',
};

describe('mapping to Airtable, once, at delivery', () => {
  it('form fields by their columns, select values by their Indonesian labels, the record columns added', () => {
    const at = new Date('2026-12-04T02:00:00.000Z');
    const fields = toAirtableFields('SRG-ABCDEF', submission, at);
    expect(fields).toMatchObject({
      [COLUMNS.reference]: 'SRG-ABCDEF',
      [columnOf('nik')]: '3673010101000001',
      [columnOf('birthDate')]: '2000-01-01',
      Kecamatan: 'Kasemen',
      'Negara tujuan': ['Jepang', 'dihapus'],
      'Bidang kerja': 'Manufaktur',
      'Kemampuan bahasa': 'Dasar',
      Status: 'Baru',
      'Waktu daftar': at.toISOString(),
      'Versi persetujuan': '2025-12-08.abcdef12',
      'Bahasa persetujuan': 'English',
    });
    expect(fields).not.toHaveProperty('Email');
  });

  it('columnOf refuses a field without a column', () => {
    expect(() => columnOf('consent')).toThrow(/no Airtable column/);
  });
});

describe('the client’s pure parts', () => {
  it.each([
    ['plain', 'SRG-ABCDEF', "'SRG-ABCDEF'"],
    ['a quote', "a'b", "'a\\'b'"],
    ['a backslash before a quote', "a\\'", "'a\\\\\\''"],
  ])('formulaString: %s', (_why, value, expected) => {
    expect(formulaString(value)).toBe(expected);
  });

  it('referencesFormula asks for up to ten references in one call', () => {
    expect(referencesFormula(['SRG-AAAAAA', 'SRG-BBBBBB'])).toBe("OR({Referensi}='SRG-AAAAAA',{Referensi}='SRG-BBBBBB')");
  });

  it.each([
    [{ error: 'INVALID_VALUE_FOR_COLUMN', statusCode: 422 }, 'INVALID_VALUE_FOR_COLUMN 422', true],
    [{ error: 'INVALID_REQUEST_BODY', statusCode: 422 }, 'INVALID_REQUEST_BODY 422', false],
    [{ error: 'RATE_LIMIT_REACHED', statusCode: 429 }, 'RATE_LIMIT_REACHED 429', false],
    [new Error('socket hang up'), 'ERROR', false],
  ])('errorLabel and isRecordError: %o', (e, label, recordError) => {
    expect(errorLabel(e)).toBe(label);
    expect(isRecordError(e)).toBe(recordError);
  });
});
