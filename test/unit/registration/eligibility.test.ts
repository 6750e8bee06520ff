import { describe, expect, it } from 'vitest';

import {
  type EligibilityFacts,
  type EligibilityRules,
  exemptionApplies,
  type Unmet,
  unmetRequirements,
} from '../../../src/registration/eligibility';

const article: EligibilityRules = { minAge: 18, minEducation: 'sma', educationExemptSectors: ['perkebunan'] };
// A stricter rule set staff might publish, to show the thresholds come from the rules and not the code.
const stricter: EligibilityRules = { minAge: 21, minEducation: 'd3', educationExemptSectors: [] };

const table: [string, EligibilityRules, EligibilityFacts, Unmet[]][] = [
  ['adult with SMA', article, { oldEnough: true, education: 'sma', sector: 'manufaktur' }, []],
  ['Paket C counts as SMA', article, { oldEnough: true, education: 'paket-c', sector: 'konstruksi' }, []],
  ['degree above the minimum', article, { oldEnough: true, education: 's1', sector: 'perawatan' }, []],
  ['SMP outside plantation', article, { oldEnough: true, education: 'smp', sector: 'manufaktur' }, ['education']],
  ['SD outside plantation', article, { oldEnough: true, education: 'sd', sector: 'lainnya' }, ['education']],
  ['SMP in plantation', article, { oldEnough: true, education: 'smp', sector: 'perkebunan' }, []],
  ['SD in plantation', article, { oldEnough: true, education: 'sd', sector: 'perkebunan' }, []],
  ['too young with SMA', article, { oldEnough: false, education: 'sma', sector: 'manufaktur' }, ['age']],
  ['too young and SMP', article, { oldEnough: false, education: 'smp', sector: 'manufaktur' }, ['age', 'education']],
  ['too young, plantation exempts education only', article, { oldEnough: false, education: 'sd', sector: 'perkebunan' }, ['age']],
  ['age unknown is not a failure', article, { education: 'sma', sector: 'manufaktur' }, []],
  ['education unknown is not a failure', article, { oldEnough: true }, []],
  ['sector unknown gives no exemption', article, { oldEnough: true, education: 'smp' }, ['education']],
  ['stricter: SMA below D3', stricter, { oldEnough: true, education: 'sma', sector: 'manufaktur' }, ['education']],
  ['stricter: no plantation exemption', stricter, { oldEnough: true, education: 'smp', sector: 'perkebunan' }, ['education']],
  ['stricter: D3 meets it', stricter, { oldEnough: true, education: 'd3', sector: 'perkebunan' }, []],
];

describe('eligibility rules', () => {
  it.each(table)('%s', (_name, rules, facts, expected) => {
    expect(unmetRequirements(facts, rules)).toEqual(expected);
  });
});

describe('a sector with its own, unpublished rules', () => {
  it.each([
    ['SMP in plantation: no verdict', { oldEnough: true, education: 'smp', sector: 'perkebunan' }, true],
    ['SMA in plantation: the main rule is met', { oldEnough: true, education: 'sma', sector: 'perkebunan' }, false],
    ['SMP elsewhere: simply unmet', { oldEnough: true, education: 'smp', sector: 'konstruksi' }, false],
    ['education not given yet', { oldEnough: true, sector: 'perkebunan' }, false],
  ] as [string, EligibilityFacts, boolean][])('%s', (_name, facts, expected) => {
    expect(exemptionApplies(facts, article)).toBe(expected);
  });
});
