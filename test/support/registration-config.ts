import type { DestinationChoice, RegistrationConfig } from '../../src/registration/config';
import { consentVersion } from '../../src/registration/consent';
import { STATUS_CHOICES } from '../../src/shared/registration-status';

// A registration config as content makes it (settings → registration, the destination files), for unit
// tests that must run without a build. The values mirror content/ today; the rules are the article's.

const destination = (value: string, id: string, en: string, languages: string[] = []): DestinationChoice => ({
  value,
  label: { id, en },
  languages: { id: languages, en: languages },
});

const consentText = {
  summary: { id: 'Data Anda dipakai hanya untuk program ini.', en: 'Your data is used only for this program.' },
  label: { id: 'Saya setuju data saya diproses untuk program ini.', en: 'I agree to my data being processed for this program.' },
};

export const registrationConfig: RegistrationConfig = {
  open: true,
  gate: [],
  closedMessage: { id: 'Pendaftaran sedang ditutup.', en: 'Registration is closed.' },
  nextSteps: { id: 'Petugas akan menghubungi Anda.', en: 'Staff will contact you.' },
  consent: {
    ...consentText,
    version: consentVersion(consentText, '2026-11-01'),
  },
  privacyPath: { id: '/privasi/', en: '/en/privacy/' },
  destinations: [
    destination('jepang', 'Jepang', 'Japan', ['Jepang']),
    destination('korea-selatan', 'Korea Selatan', 'South Korea', ['Korea']),
    destination('timur-tengah', 'Timur Tengah', 'Middle East', ['Arab']),
    destination('eropa', 'Eropa', 'Europe'),
    destination('australia', 'Australia', 'Australia', ['Inggris']),
    destination('asia-tenggara', 'Asia Tenggara', 'Southeast Asia'),
  ],
  vacancies: [
    {
      value: 'perawat-lansia-jepang',
      label: { id: 'perawat-lansia-jepang (SIP B.123/SIP/XI/2026)', en: 'perawat-lansia-jepang (SIP B.123/SIP/XI/2026)' },
    },
  ],
  sectors: [
    { value: 'manufaktur', label: { id: 'Manufaktur dan pabrik', en: 'Manufacturing and factory work' } },
    { value: 'konstruksi', label: { id: 'Konstruksi', en: 'Construction' } },
    { value: 'perawatan', label: { id: 'Perawat dan pengasuh lansia', en: 'Nursing and elderly care' } },
    { value: 'perkebunan', label: { id: 'Perkebunan', en: 'Plantation' } },
    { value: 'lainnya', label: { id: 'Bidang lain', en: 'Other fields' } },
  ],
  stages: STATUS_CHOICES.map((status) => ({
    status,
    title: { id: `Tahap ${status}`, en: `Stage ${status}` },
    meaning: { id: `Arti ${status}.`, en: `Meaning of ${status}.` },
    todo: { id: `Lakukan ${status}.`, en: `Do ${status}.` },
    ...(status === 'Baru' ? { next: { id: 'Dihubungi.', en: 'Contacted.' } } : {}),
  })),
  rules: { minAge: 18, minEducation: 'sma', educationExemptSectors: ['perkebunan'] },
  numberListed: false,
  training: { min: 3, max: 8 },
};
