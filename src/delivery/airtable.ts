import Airtable from 'airtable';

import type { Budget } from './airtable-budget';
import { columnOf, COLUMNS, INVITATION_COLUMNS } from './airtable-fields';
import { initialsOf, type Invitation, invitationFromFields } from './invitation';

// The one Airtable client: settings, the SDK's table, every call through the shared budget
// (budgetedCall), lookups by reference, and the labels of Airtable's errors. Delivery, the status
// check, the rights tools, retention and the staff scripts call Airtable only through this file.

export interface AirtableSettings {
  token: string;
  baseId: string;
  table: string;
  endpointUrl?: string;
}

/** Settings from the environment, or undefined when no token is set (local development uses the stand-in). */
export function airtableSettingsFromEnv(env: Record<string, string | undefined> = process.env): AirtableSettings | undefined {
  if (!env.AIRTABLE_TOKEN || !env.AIRTABLE_BASE_ID) return undefined;
  return {
    token: env.AIRTABLE_TOKEN,
    baseId: env.AIRTABLE_BASE_ID,
    table: env.AIRTABLE_TABLE || 'Pendaftaran',
    endpointUrl: env.AIRTABLE_ENDPOINT_URL || undefined,
  };
}

export function airtableTable(s: AirtableSettings, requestTimeoutMs = 2500) {
  const airtable = new Airtable({
    apiKey: s.token,
    endpointUrl: s.endpointUrl ?? 'https://api.airtable.com',
    // The SDK otherwise retries a 429 for up to 10 minutes, far beyond a function's life; the outbox
    // retries instead.
    noRetryIfRateLimited: true,
    requestTimeout: requestTimeoutMs,
  });
  return airtable.base(s.baseId).table(s.table);
}

export type Table = ReturnType<typeof airtableTable>;
export type Call = <T>(request: () => Promise<T>) => Promise<T>;

/** Airtable's formula quoting: backslash first, then the quote (there is no official escape function). */
export function formulaString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

interface AirtableError {
  error?: string;
  statusCode?: number;
}

/** "INVALID_VALUE_FOR_COLUMN 422": what staff and logs see of an Airtable failure, never content. */
export function errorLabel(e: unknown): string {
  const err = e as AirtableError;
  return `${err.error ?? 'ERROR'}${err.statusCode ? ` ${err.statusCode}` : ''}`;
}

/** Refusals that concern one record's content; anything else is Airtable's or the base's problem. */
const RECORD_ERRORS = new Set(['INVALID_VALUE_FOR_COLUMN', 'INVALID_MULTIPLE_CHOICE_OPTIONS', 'INVALID_RECORDS', 'INVALID_CELL_VALUE']);
export const isRecordError = (e: unknown) =>
  (e as AirtableError).statusCode === 422 && RECORD_ERRORS.has(String((e as AirtableError).error));

/** No slot could be had (the budget's store did not answer, or not in time): Airtable is not called. */
const NO_SLOT = { error: 'BUDGET_UNAVAILABLE' };

/**
 * An Airtable call through the budget: its slot first (waiting at most `maxWaitMs`; without one the
 * call is not made and NO_SLOT is thrown), then `before` (counting, a test's hook), then the request.
 * Every caller of Airtable uses this, so none can skip the budget.
 */
export function budgetedCall(budget: Budget, { maxWaitMs = Infinity, before }: { maxWaitMs?: number; before?: () => unknown } = {}): Call {
  return async <T>(request: () => Promise<T>): Promise<T> => {
    if (!(await budget.take(maxWaitMs))) throw NO_SLOT;
    await before?.();
    return request();
  };
}

export interface FoundRecord {
  id: string;
  reference: string;
  fields: Record<string, unknown>;
}

/** The reference formula for up to ten references: one list call instead of one per record. */
export const referencesFormula = (references: string[]) =>
  `OR(${references.map((r) => `{${COLUMNS.reference}}=${formulaString(r)}`).join(',')})`;

/**
 * Records by reference (at most ten), with the columns named in `fields` (every column with 'all').
 * POST listRecords keeps the values out of the URL; every page is a call of its own through the
 * budget, never fetched back to back.
 */
export async function findRecords(table: Table, references: string[], fields: string[] | 'all', call: Call): Promise<FoundRecord[]> {
  if (!references.length) return [];
  const out: FoundRecord[] = [];
  const columns = fields === 'all' ? {} : { fields: [...new Set([COLUMNS.reference, ...fields])] };
  const query = table.select({ filterByFormula: referencesFormula(references), ...columns, pageSize: 100, method: 'post' } as never);
  // The SDK sends the first page when eachPage is called, and each next page when told to: each
  // of those waits for its own slot. (After the last page the SDK sends nothing; that slot is lost.)
  await call(
    () =>
      new Promise<void>((resolve, reject) => {
        const page = (records: readonly { id: string; fields: Record<string, unknown> }[], next: () => void) => {
          for (const r of records) out.push({ id: r.id, reference: String(r.fields[COLUMNS.reference]), fields: r.fields });
          call(async () => next()).catch(reject);
        };
        query.eachPage(page as never, (err: unknown) => (err ? reject(err) : resolve()));
      }),
  );
  return out;
}

/** The references (at most ten) that are in Airtable already. */
export async function findReferences(table: Table, references: string[], call: Call): Promise<string[]> {
  return (await findRecords(table, references, [COLUMNS.reference], call)).map((r) => r.reference);
}

/** What the status read brings: the status, the birth date (hashed at once by the caller), the name's initials, the invitation. */
export interface StatusRow {
  status: string;
  birthDate: string;
  initials?: string;
  invitation?: Invitation;
}

/** One reference's status, birth date, initials and selection invitation: a single request (one page of at most one record). */
export async function readStatusRow(table: Table, reference: string, call: Call): Promise<StatusRow | undefined> {
  const birthColumn = columnOf('birthDate');
  const nameColumn = columnOf('fullName');
  const page = await call(() =>
    table
      .select({
        filterByFormula: `{${COLUMNS.reference}}=${formulaString(reference)}`,
        fields: [COLUMNS.status, birthColumn, nameColumn, ...Object.values(INVITATION_COLUMNS)],
        maxRecords: 1,
        pageSize: 1,
        method: 'post',
      } as never)
      .firstPage(),
  );
  const record = page[0] as { fields: Record<string, unknown> } | undefined;
  if (!record) return undefined;
  const initials = initialsOf(record.fields[nameColumn]);
  const invitation = invitationFromFields(record.fields);
  return {
    status: String(record.fields[COLUMNS.status] ?? 'Baru'),
    birthDate: String(record.fields[birthColumn] ?? ''),
    ...(initials ? { initials } : {}),
    ...(invitation ? { invitation } : {}),
  };
}

/** The NIK of a found record, when it has one (erasing its index markers needs its hash). */
export function nikOf(record: { fields: Record<string, unknown> } | undefined): string | undefined {
  const value = record?.fields[columnOf('nik')];
  return typeof value === 'string' ? value : undefined;
}
