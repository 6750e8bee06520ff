import type { Settings } from '../content/schemas';
import { type Locale, t } from '../i18n';
import { educationLevels, educationRank, ruleName } from '../shared/education';
import type { Choice } from './config';

// Who may register. The thresholds are content (settings → registration.rules) so staff can follow a
// change in the program without a developer; the registration function and the self-check at
// /cek-kelayakan both decide with this one function.

/** minAge, minEducation (the lowest level accepted), educationExemptSectors (the article: plantation work). */
export type EligibilityRules = Settings['registration']['rules'];

export interface EligibilityFacts {
  /** Whether the person has reached rules.minAge; undefined when not known yet. */
  oldEnough?: boolean;
  education?: string;
  sector?: string;
}

export type Unmet = 'age' | 'education';

/** The minimum age UU 18/2017 sets for every migrant worker: where the rule is the law's, pages cite the law. */
export const LEGAL_MIN_AGE = 18;

const belowEducation = (facts: EligibilityFacts, rules: EligibilityRules) => {
  const rank = facts.education === undefined ? undefined : educationRank(facts.education);
  return rank !== undefined && rank < (educationRank(rules.minEducation) ?? 0);
};
const inExemptSector = (facts: EligibilityFacts, rules: EligibilityRules) =>
  facts.sector !== undefined && rules.educationExemptSectors.includes(facts.sector);

/** The requirements the person does not meet, in the order they should be explained. */
export function unmetRequirements(facts: EligibilityFacts, rules: EligibilityRules): Unmet[] {
  const unmet: Unmet[] = [];
  if (facts.oldEnough === false) unmet.push('age');
  if (belowEducation(facts, rules) && !inExemptSector(facts, rules)) unmet.push('education');
  return unmet;
}

/**
 * Below the minimum education in a sector the article says has different rules: the form accepts it
 * (staff judge), but nothing can say the person qualifies, because those rules are not published.
 */
export const exemptionApplies = (facts: EligibilityFacts, rules: EligibilityRules): boolean =>
  belowEducation(facts, rules) && inExemptSector(facts, rules);

/** The rules in words for `lang`: what the home page, the form's hints and the explanations print. */
export function ruleWords(
  lang: Locale,
  rules: EligibilityRules,
  sectors: Choice[],
): { minAge: number; education: string; sectors: string } {
  const level = educationLevels.find((e) => e.value === rules.minEducation);
  return {
    minAge: rules.minAge,
    education: ruleName[rules.minEducation]?.[lang] ?? (level ? level[lang] : rules.minEducation),
    // Lower case: the names stand mid-sentence ("for plantation"), never at its start.
    sectors: sectors
      .filter((s) => rules.educationExemptSectors.includes(s.value))
      .map((s) => s.label[lang].toLowerCase())
      .join(', '),
  };
}

/** Why someone does not qualify, in their language, with the thresholds from the rules. */
export function explainUnmet(lang: Locale, unmet: Unmet, rules: EligibilityRules, sectors: Choice[]): string {
  const words = ruleWords(lang, rules, sectors);
  if (unmet === 'age') return t(lang, 'reg.ineligible.age', words);
  return t(lang, 'reg.ineligible.education', { ...words, exempt: words.sectors ? t(lang, 'reg.ineligible.exempt', words) : '' });
}
