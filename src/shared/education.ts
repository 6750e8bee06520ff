// Education levels, lowest first. Paket C shares SMA's rank so the form lets its holders register; the
// article names only SMA, so no page states the equivalence as a program rule and staff decide.
// Used by the form's choices, the eligibility rules and the content schema (settings' minimum level).
export const educationLevels = [
  { value: 'sd', rank: 1, id: 'SD/MI', en: 'Primary school (SD/MI)' },
  { value: 'smp', rank: 2, id: 'SMP/MTs', en: 'Junior high school (SMP/MTs)' },
  { value: 'sma', rank: 3, id: 'SMA/MA/SMK/MAK', en: 'Senior high school (SMA/MA/SMK/MAK)' },
  { value: 'paket-c', rank: 3, id: 'Paket C', en: 'Paket C' },
  { value: 'd1', rank: 4, id: 'D1', en: 'Diploma 1 (D1)' },
  { value: 'd2', rank: 5, id: 'D2', en: 'Diploma 2 (D2)' },
  { value: 'd3', rank: 6, id: 'D3', en: 'Diploma 3 (D3)' },
  { value: 'd4', rank: 7, id: 'D4', en: 'Diploma 4 (D4)' },
  { value: 's1', rank: 7, id: 'S1', en: "Bachelor's degree (S1)" },
  { value: 's2', rank: 8, id: 'S2', en: "Master's degree (S2)" },
  { value: 's3', rank: 9, id: 'S3', en: 'Doctorate (S3)' },
] as const;

/**
 * A level named as a rule ("at least SMA"): the school the article names, not the form's group of
 * schools, whose equivalence the article does not state.
 */
export const ruleName: Record<string, { id: string; en: string }> = {
  sd: { id: 'SD', en: 'primary school (SD)' },
  smp: { id: 'SMP', en: 'junior high school (SMP)' },
  sma: { id: 'SMA', en: 'senior high school (SMA)' },
};

type EducationLevel = (typeof educationLevels)[number]['value'];
export const educationValues = educationLevels.map((e) => e.value) as [EducationLevel, ...EducationLevel[]];

export function educationRank(value: string): number | undefined {
  return educationLevels.find((e) => e.value === value)?.rank;
}
