import type { Locale } from '../i18n';
import type { RegistrationStatus } from '../shared/registration-status';
import type { ConsentText } from './consent';
import type { EligibilityRules } from './eligibility';
import type { GateGap } from './launch-gate';

// The registration config: what content decides about registering — the switch that opens it, the
// choices (destinations, sectors), the rules and the texts around the form. Built from content/ by
// config-from-content.ts for the form page, and handed to the functions by the build (src/site-data),
// so the form and the function always offer and accept the same choices.

export interface Choice {
  value: string;
  label: Record<Locale, string>;
}

/** A destination, with the languages a worker there needs (for the self-check's advice). */
export interface DestinationChoice extends Choice {
  languages: Record<Locale, string[]>;
}

export interface RegistrationConfig {
  open: boolean;
  /** What keeps registration shut in production (launch-gate.ts); empty: nothing. */
  gate: GateGap[];
  /** Registrations accepted a day (WIB) at most; none: no ceiling. */
  dailyLimit?: number;
  closedMessage: Record<Locale, string>;
  nextSteps: Record<Locale, string>;
  /** The consent wording at the form, and its version (consent.ts): recorded with each registration. */
  consent: ConsentText & { version: string };
  privacyPath: Record<Locale, string>;
  destinations: DestinationChoice[];
  sectors: Choice[];
  /** Official vacancies open today: the key, and as label what staff see in Airtable ("key (SIP …)"). */
  vacancies: Choice[];
  rules: EligibilityRules;
  /** The stages after registering, as the status check and the road-ahead page show them. */
  stages: StageText[];
  /** Months a registration in a final status is kept (settings → privacy); none: no automatic deletion. */
  retentionMonths?: number;
  /** Whether the settings list an official phone or WhatsApp number (content/channels.ts): the official-caller advice says "call it back" only then. */
  numberListed: boolean;
  /** Months of free language training, from the program figures. */
  training: { min: number; max: number };
}

/** What a status means to the applicant (settings → applicantStatus), in the order of the road ahead. */
export interface StageText {
  status: RegistrationStatus;
  title: Record<Locale, string>;
  meaning: Record<Locale, string>;
  todo: Record<Locale, string>;
  next?: Record<Locale, string>;
}

/** The content-defined choice lists, all that the field list needs. */
export type ChoiceLists = Pick<RegistrationConfig, 'destinations' | 'sectors' | 'vacancies'>;
