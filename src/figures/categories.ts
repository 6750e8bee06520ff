import { columnOf, COLUMNS } from '../delivery/airtable-fields';
import type { Locale } from '../i18n';
import type { RegistrationConfig } from '../registration/config';
import { fields } from '../registration/fields';
import { STATUS_CHOICES } from '../shared/registration-status';

// What the figures count, and how a counted value is named on the page. Airtable holds what staff read:
// the form's Indonesian labels ("Jepang", "Cipocok Jaya"), the status as staff set it. Counting keys on
// those; the page names them in its language from the same lists the form offered (the registration
// config the build hands the functions), and a value no list knows any more is shown as Airtable has it.

export const TABLES = ['stages', 'months', 'districts', 'sectors', 'destinations'] as const;
export type TableName = (typeof TABLES)[number];

/** The columns a figures listing asks Airtable for: nothing personal. */
export const FIGURE_COLUMNS = {
  stages: COLUMNS.status,
  months: COLUMNS.submittedAt,
  districts: columnOf('district'),
  sectors: columnOf('sector'),
  destinations: columnOf('destinations'),
} as const satisfies Record<TableName, string>;

/** The lists the registration config gives: enough to order the tables and name their rows. */
export type FigureLists = Pick<RegistrationConfig, 'stages' | 'destinations' | 'sectors' | 'vacancies'>;

type Named = { key: string; label: Record<Locale, string> };

function districtChoices(lists: FigureLists): Named[] {
  const field = fields.find((f) => f.name === 'district');
  const choices = field && 'choices' in field ? field.choices(lists) : [];
  return choices.map((c) => ({ key: c.label.id, label: c.label }));
}

/** Every row a table always has, in the page's order (months are found in the data instead). */
export function knownRows(lists: FigureLists): Record<Exclude<TableName, 'months'>, Named[]> {
  const stageTitles = new Map(lists.stages.map((s) => [s.status, s.title]));
  // The road's order, as the stages page lists it; a status the texts miss keeps its Airtable name.
  const statuses = [...lists.stages.map((s) => s.status), ...STATUS_CHOICES.filter((s) => !stageTitles.has(s))];
  return {
    stages: statuses.map((s) => ({ key: s, label: stageTitles.get(s) ?? { id: s, en: s } })),
    districts: districtChoices(lists),
    sectors: lists.sectors.map((c) => ({ key: c.label.id, label: c.label })),
    destinations: lists.destinations.map((c) => ({ key: c.label.id, label: c.label })),
  };
}

/** The row keys of each table that are not months, for a computation to count zeroes too. */
export function knownKeys(lists: FigureLists): Record<Exclude<TableName, 'months'>, string[]> {
  const rows = knownRows(lists);
  return {
    stages: rows.stages.map((r) => r.key),
    districts: rows.districts.map((r) => r.key),
    sectors: rows.sectors.map((r) => r.key),
    destinations: rows.destinations.map((r) => r.key),
  };
}
