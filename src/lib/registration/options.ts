import type { Locale } from '../../i18n';
import type { EligibilityRules } from './eligibility';

// Choices that come from content (destinations, sectors) and the switch that opens registration.
// The site builds this from content/ and publishes it as /registration-config.json; the function reads
// that file, so the form and the function always offer and accept the same choices.

export interface Choice {
  value: string;
  label: Record<Locale, string>;
}

/** A destination, with the languages a worker there needs (for the self-check's advice). */
export interface DestinationChoice extends Choice {
  languages: Record<Locale, string[]>;
}

export interface RegistrationOptions {
  open: boolean;
  closedMessage: Record<Locale, string>;
  nextSteps: Record<Locale, string>;
  /** The privacy notice's last-updated date: the version a person consented to. */
  privacyVersion: string;
  privacyPath: Record<Locale, string>;
  destinations: DestinationChoice[];
  sectors: Choice[];
  rules: EligibilityRules;
  /** Months of free language training, from the program figures. */
  training: { min: number; max: number };
}

export const CONFIG_PATH = '/registration-config.json';
