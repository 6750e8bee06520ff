import type { ChoiceLists } from '../registration/config';
import { fields } from '../registration/fields';
import { SERANG_TIME_ZONE } from '../shared/serang-time';
import { COLUMNS, CONSENT_LANGUAGES, INVITATION_COLUMNS, STATUS_CHOICES } from './airtable-fields';

// The Airtable table as the Metadata API describes it. `npm run airtable:setup` creates it; the local
// stand-in starts with it; both come from the field list, so a new form field is a new column.

export interface AirtableFieldSpec {
  name: string;
  type: string;
  options?: Record<string, unknown>;
}

export function registrationTableFields(lists: ChoiceLists): AirtableFieldSpec[] {
  const specs: AirtableFieldSpec[] = [{ name: COLUMNS.reference, type: 'singleLineText' }];
  for (const field of fields) {
    if (!field.airtable) continue;
    const { column, type } = field.airtable;
    if (type === 'singleSelect' || type === 'multipleSelects') {
      const choices = 'choices' in field ? field.choices(lists).map((c) => ({ name: c.label.id })) : [];
      specs.push({ name: column, type, options: { choices } });
    } else if (type === 'date') {
      specs.push({ name: column, type, options: { dateFormat: { name: 'iso' } } });
    } else {
      specs.push({ name: column, type });
    }
  }
  const dateTime = { dateFormat: { name: 'iso' }, timeFormat: { name: '24hour' }, timeZone: SERANG_TIME_ZONE };
  specs.push(
    { name: COLUMNS.status, type: 'singleSelect', options: { choices: STATUS_CHOICES.map((name) => ({ name })) } },
    { name: COLUMNS.submittedAt, type: 'dateTime', options: dateTime },
    { name: COLUMNS.consentAt, type: 'dateTime', options: dateTime },
    { name: COLUMNS.consentVersion, type: 'singleLineText' },
    {
      name: COLUMNS.consentLanguage,
      type: 'singleSelect',
      options: { choices: Object.values(CONSENT_LANGUAGES).map((name) => ({ name })) },
    },
    { name: COLUMNS.duplicateNik, type: 'checkbox', options: { icon: 'check', color: 'redBright' } },
    // The selection invitation, beside the status: staff fill these in, the person's link shows them.
    { name: INVITATION_COLUMNS.at, type: 'dateTime', options: dateTime },
    { name: INVITATION_COLUMNS.place, type: 'multilineText' },
    { name: INVITATION_COLUMNS.bring, type: 'multilineText' },
    { name: INVITATION_COLUMNS.contact, type: 'singleLineText' },
    { name: INVITATION_COLUMNS.note, type: 'multilineText' },
    { name: INVITATION_COLUMNS.cancelled, type: 'checkbox', options: { icon: 'xCheckbox', color: 'redBright' } },
  );
  return specs;
}

/** The column names in table order (the choices do not matter for names): the CSV export's header. */
export function registrationColumns(): string[] {
  return registrationTableFields({ destinations: [], sectors: [], vacancies: [] }).map((f) => f.name);
}
