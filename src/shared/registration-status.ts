// The stages staff move a registration through, as the Airtable "Status" column names them (Indonesian:
// staff see these). The status check shows a citizen the stage's text from content, never the raw value.

export const STATUS_CHOICES = [
  'Baru',
  'Dihubungi',
  'Seleksi',
  'Pelatihan bahasa',
  'Siap berangkat',
  'Tidak memenuhi syarat',
  'Tidak lolos seleksi',
  'Mengundurkan diri',
] as const;

export type RegistrationStatus = (typeof STATUS_CHOICES)[number];

/** Every registration starts here: delivery creates its row with it, and a row without a status reads as it. */
export const INITIAL_STATUS: RegistrationStatus = STATUS_CHOICES[0];

/**
 * Statuses that end the process without a placement: shown off the road ahead. Two "no" outcomes are kept
 * apart (requirements not met at review; not chosen at selection) so the applicant is told which.
 */
export const FINAL_STATUSES: readonly RegistrationStatus[] = ['Tidak memenuhi syarat', 'Tidak lolos seleksi', 'Mengundurkan diri'];

export const isStatus = (v: unknown): v is RegistrationStatus => STATUS_CHOICES.includes(v as RegistrationStatus);
