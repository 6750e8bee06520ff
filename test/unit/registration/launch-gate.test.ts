import { describe, expect, it } from 'vitest';

import { gateGaps } from '../../../src/registration/launch-gate';

// Synthetic facts: no real officer, address or number.
const filled = {
  contact: { phone: '', whatsapp: '0812 0000 0000', email: '' },
  privacy: {
    controller: { name: { id: 'Pemerintah Kota Contoh' }, email: 'pdp@contoh.invalid', phone: '', address: '' },
    officer: { name: 'Kepala Bidang Contoh', email: '', phone: '0254 000000' },
    apjatiRole: 'penerima',
    retentionMonths: 24,
  },
};
const without = (change: (f: typeof filled) => void) => {
  const copy = structuredClone(filled);
  change(copy);
  return copy;
};

describe('the production gate', () => {
  it("opens when the notice names the controller and officer with a contact each, APJATI's role, the retention, and a help contact exists", () => {
    expect(gateGaps(filled)).toEqual([]);
  });

  it.each([
    ['no controller contact (address, email or phone)', without((f) => (f.privacy.controller.email = '')), ['controllerContact']],
    ['no officer', without((f) => (f.privacy.officer.name = '')), ['officer']],
    ['an officer without a contact', without((f) => (f.privacy.officer.phone = '')), ['officerContact']],
    // The notice must say who answers for APJATI's copy before APJATI receives anyone's data.
    ["APJATI's role not decided", without((f) => (f.privacy.apjatiRole = '')), ['apjatiRole']],
    ['no retention', without((f) => (f.privacy.retentionMonths = undefined as never)), ['retention']],
    ['no help contact at all', without((f) => (f.contact.whatsapp = '')), ['contactChannel']],
    ['only spaces typed', without((f) => (f.privacy.officer.name = '   ')), ['officer']],
  ])('shut: %s', (_why, facts, gaps) => {
    expect(gateGaps(facts)).toEqual(gaps);
  });

  it('today’s fixture-like content (every fact empty) names every gap but the controller’s name', () => {
    const empty = without((f) => {
      f.contact.whatsapp = '';
      f.privacy.controller.email = '';
      f.privacy.officer = { name: '', email: '', phone: '' };
      f.privacy.apjatiRole = '';
      f.privacy.retentionMonths = undefined as never;
    });
    expect(gateGaps(empty)).toEqual(['controllerContact', 'officer', 'officerContact', 'apjatiRole', 'retention', 'contactChannel']);
  });
});
