import { afterAll, describe, expect, it } from 'vitest';

import { INVITATION_COLUMNS as C } from '../../../src/delivery/airtable-fields';
import {
  initialsOf,
  invitationFingerprint,
  invitationFromFields,
  LETTER_ALPHABET,
  letterCode,
  withFingerprint,
} from '../../../src/delivery/invitation';
import { type CachedStatus, withHistory } from '../../../src/delivery/status-cache';

// The invitation as the status read brings it from Airtable, its fingerprint and its letter's code.

// Synthetic secret, set before the tables below are built (they derive fingerprints as they are collected).
const saved = process.env.NIK_INDEX_KEY;
process.env.NIK_INDEX_KEY = 'a-synthetic-secret-for-tests';
afterAll(() => {
  process.env.NIK_INDEX_KEY = saved;
});

const row = { [C.at]: '2026-01-12T02:00:00.000Z', [C.place]: '  Aula Disnakertrans\nJl. Contoh 1 ', [C.bring]: 'KTP asli' };

describe('the invitation staff set', () => {
  it.each([
    [
      'time and place make an invitation; text is trimmed, line breaks kept',
      row,
      { at: '2026-01-12T02:00:00.000Z', place: 'Aula Disnakertrans\nJl. Contoh 1', bring: 'KTP asli' },
    ],
    ['no time: none yet', { [C.place]: 'Aula' }, undefined],
    ['no place: none yet', { [C.at]: '2026-01-12T02:00:00.000Z' }, undefined],
    ['a time that is not one: none', { [C.at]: 'besok pagi', [C.place]: 'Aula' }, undefined],
    ['the cancel box ticked: called off, still known', { ...row, [C.cancelled]: true }, expect.objectContaining({ cancelled: true })],
    [
      'empty optional fields are left out',
      { ...row, [C.note]: '   ', [C.contact]: '' },
      expect.not.objectContaining({ note: expect.anything() }),
    ],
  ])('%s', (_why, fields, expected) => {
    expect(invitationFromFields(fields)).toEqual(expected);
  });

  it('the fingerprint changes with any word of it, not with the cancel box', () => {
    const inv = invitationFromFields(row)!;
    const base = invitationFingerprint(inv);
    expect(invitationFingerprint({ ...inv })).toBe(base);
    expect(invitationFingerprint({ ...inv, cancelled: true })).toBe(base);
    for (const change of [
      { at: '2026-01-12T03:00:00.000Z' },
      { place: 'Aula 2' },
      { bring: 'KTP' },
      { contact: 'Ibu Rina' },
      { note: 'Datang 15 menit lebih awal' },
    ])
      expect(invitationFingerprint({ ...inv, ...change })).not.toBe(base);
  });
});

describe("the letter's code", () => {
  const fp = invitationFingerprint(invitationFromFields(row)!);

  it('ten characters of an alphabet without 0, O, 1, I or L; the same for the same letter', () => {
    const code = letterCode('SRG-7K4QPX', fp);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(LETTER_ALPHABET).toHaveLength(31);
    for (const c of '0O1IL') expect(LETTER_ALPHABET).not.toContain(c);
    expect(letterCode('SRG-7K4QPX', fp)).toBe(code);
  });

  it('another reference or another invitation gives another code', () => {
    const code = letterCode('SRG-7K4QPX', fp);
    expect(letterCode('SRG-7K4QPY', fp)).not.toBe(code);
    expect(letterCode('SRG-7K4QPX', invitationFingerprint({ ...invitationFromFields(row)!, place: 'Aula 2' }))).not.toBe(code);
  });

  it('spreads over the alphabet (no character favoured)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++)
      for (const c of letterCode(`SRG-${String(i).padStart(6, 'A')}`, fp)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 30,000 characters over 31: about 968 each; a biased mapping would sit far outside this band.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(800);
      expect(n).toBeLessThan(1150);
    }
  });
});

describe('initials: all the cache keeps of a name', () => {
  it.each([
    ['Siti Contoh Rahayu', 'S. C. R.'],
    ['  budi   santoso ', 'B. S.'],
    ["Nur'aini", 'N.'],
    ['A B C D E', 'A. B. C. D.'],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe("the invitation's history in the status cache", () => {
  const first = withFingerprint(invitationFromFields(row)!);
  const moved = withFingerprint({ ...first, at: '2026-01-13T02:00:00.000Z' });
  const read = (over: Partial<CachedStatus>, at: number): CachedStatus => ({ status: 'Seleksi', at, ...over });

  it('a first invitation has no history', () => {
    expect(withHistory(read({}, 1), read({ invitation: first }, 2)).previous).toBeUndefined();
  });
  it('a changed one remembers the one before, and when the change was read', () => {
    expect(withHistory(read({ invitation: first }, 1), read({ invitation: moved }, 2)).previous).toEqual({
      fingerprint: first.fingerprint,
      at: first.at,
      seen: 2,
    });
  });
  it('an emptied one (withdrawn) remembers it too; the same one read again keeps the history', () => {
    const withdrawn = withHistory(read({ invitation: first }, 1), read({}, 2));
    expect(withdrawn.previous?.fingerprint).toBe(first.fingerprint);
    const changed = withHistory(read({ invitation: first }, 1), read({ invitation: moved }, 2));
    expect(withHistory(changed, read({ invitation: moved }, 3)).previous).toEqual(changed.previous);
  });
  it('put back as it was: nothing to tell', () => {
    const changed = withHistory(read({ invitation: first }, 1), read({ invitation: moved }, 2));
    expect(withHistory(changed, read({ invitation: first }, 3)).previous).toEqual({
      fingerprint: moved.fingerprint,
      at: moved.at,
      seen: 3,
    });
    const withdrawn = withHistory(read({ invitation: first }, 1), read({}, 2));
    expect(withHistory(withdrawn, read({ invitation: first }, 3)).previous).toBeUndefined();
  });
});
