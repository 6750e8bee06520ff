import { INITIAL_STATUS } from '../shared/registration-status';
import { type Budget, budgetForScripts, sharedBudget } from './airtable-budget';
import { type AirtableFields, columnOf, COLUMNS, INVITATION_COLUMNS, referencesFormula } from './airtable-fields';
import { eachPage, type Listing, listPage, type SdkRecords, sdkTable, select } from './airtable-sdk';
import { initialsOf, type Invitation, invitationFromFields } from './invitation';

// The one Airtable client. Made once from the settings where a run starts (a function, a scheduled run,
// a staff script) and passed down; no other module uses the SDK (airtable-sdk.ts), builds a table or
// takes a slot from the budget (tools/import-rules.ts holds that). Inside: every request waits for its
// slot in the shared budget (airtable-budget.ts), sends at most BATCH records, gives up after the
// client's timeout, and fails with an error errorLabel names.

export interface AirtableSettings {
  token: string;
  baseId: string;
  table: string;
  endpointUrl?: string;
}

/** The registrations table, unless AIRTABLE_TABLE names another. */
export const DEFAULT_TABLE = 'Pendaftaran';

/** Settings from the environment, or undefined when no token is set (local development uses the stand-in). */
export function airtableSettingsFromEnv(env: Record<string, string | undefined> = process.env): AirtableSettings | undefined {
  if (!env.AIRTABLE_TOKEN || !env.AIRTABLE_BASE_ID) return undefined;
  return {
    token: env.AIRTABLE_TOKEN,
    baseId: env.AIRTABLE_BASE_ID,
    table: env.AIRTABLE_TABLE || DEFAULT_TABLE,
    endpointUrl: env.AIRTABLE_ENDPOINT_URL || undefined,
  };
}

/** Airtable takes at most 10 records in one create, update or delete. */
export const BATCH = 10;

interface CallOptions {
  /** How long a call may wait for its slot; without one it is not made and BUDGET_UNAVAILABLE is thrown. */
  maxWaitMs?: number;
  /** Called before each request, after its slot: a run counts its calls, a test stops one mid-window. */
  onCall?: () => unknown;
}

export interface ClientOptions extends CallOptions {
  /** Per request. */
  timeoutMs?: number;
  /**
   * This process's line for slots: 'status' keeps a status check from waiting behind a delivery run;
   * 'script' is a staff script's, which paces only itself where Netlify Blobs cannot be reached.
   */
  queue?: 'work' | 'status' | 'script';
  /** Another budget than the shared one (tests: one that never gives a slot). */
  budget?: Budget;
}

interface FoundRecord {
  id: string;
  reference: string;
  fields: Record<string, unknown>;
}

/** A listing: the records a formula matches (every one without), with the columns named ('all': every column). */
interface Query {
  formula?: string;
  fields: string[] | 'all';
  pageSize?: number;
  maxRecords?: number;
}

export interface AirtableClient {
  /** Per request: a run plans its time with it. */
  readonly timeoutMs: number;
  /** False for a staff script away from Netlify Blobs: its calls are paced within this process only. */
  readonly sharedBudget: boolean;
  /** The same table and budget, with a caller's own wait for slots and its own call counter. */
  with(options: CallOptions): AirtableClient;
  /** Creates the records (typecast: select values by their labels), ten a request. */
  create(records: AirtableFields[]): Promise<void>;
  update(records: { id: string; fields: AirtableFields }[]): Promise<void>;
  destroy(ids: string[]): Promise<void>;
  /** A listing page by page, each page a request of its own through the budget; stop by leaving the loop. */
  pages(query: Query): AsyncGenerator<FoundRecord[]>;
  /** One request: the first page of a listing. */
  firstPage(query: Query): Promise<FoundRecord[]>;
  /** Records by reference, ten references a listing (one call instead of one per record), page by page. */
  referencePages(references: string[], fields: string[] | 'all'): AsyncGenerator<FoundRecord[]>;
  findByReference(references: string[], fields: string[] | 'all'): Promise<FoundRecord[]>;
  /**
   * One page of every record, with exactly these columns, after Airtable's offset (the string its last
   * page gave): a listing that a later run resumes (the figures). One request.
   */
  pageAfter(fields: string[], offset: string | undefined): Promise<ListedPage>;
  /** One reference's status, birth date, initials and selection invitation: a single request of at most one record. */
  statusRow(reference: string): Promise<StatusRow | undefined>;
}

/** What the status read brings: the status, the birth date (hashed at once by the caller), the name's initials, the invitation. */
interface StatusRow {
  status: string;
  birthDate: string;
  initials?: string;
  invitation?: Invitation;
}

interface ListedPage {
  records: { createdTime: string; fields: Record<string, unknown> }[];
  /** Airtable's offset of the page after this one; none on the last page. */
  offset?: string;
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

const found = (records: SdkRecords): FoundRecord[] =>
  records.map((r) => ({ id: r.id, reference: String(r.fields[COLUMNS.reference] ?? ''), fields: r.fields }));

function* batches<T>(items: T[]): Generator<T[]> {
  for (let n = 0; n < items.length; n += BATCH) yield items.slice(n, n + BATCH);
}

/** A query as the SDK takes it: a found record always carries its reference. */
const listing = (q: Query): Listing => ({
  ...(q.formula ? { formula: q.formula } : {}),
  ...(q.fields === 'all' ? {} : { fields: [...new Set([COLUMNS.reference, ...q.fields])] }),
  pageSize: q.pageSize ?? 100,
  ...(q.maxRecords ? { maxRecords: q.maxRecords } : {}),
});

export function airtableClient(settings: AirtableSettings, options: ClientOptions = {}): AirtableClient {
  const { timeoutMs = 8_000, queue = 'work' } = options;
  const paced = options.budget
    ? { budget: options.budget, shared: true }
    : queue === 'script'
      ? budgetForScripts(settings.baseId)
      : { budget: sharedBudget(settings.baseId, queue), shared: true };
  const { budget } = paced;
  const table = sdkTable(settings, timeoutMs);

  const make = (hooks: CallOptions[]): AirtableClient => {
    const maxWaitMs = hooks.reduce<number | undefined>((w, h) => h.maxWaitMs ?? w, undefined) ?? Infinity;
    /** A slot first (the request is not sent without one), then every hook, then the request. */
    const slot = async () => {
      if (!(await budget.take(maxWaitMs))) throw NO_SLOT;
      for (const h of hooks) await h.onCall?.();
    };
    const call = async <T>(request: () => Promise<T>): Promise<T> => {
      await slot();
      return request();
    };

    async function* pages(q: Query): AsyncGenerator<FoundRecord[]> {
      for await (const records of eachPage(table, listing(q), slot)) yield found(records);
    }

    const firstPage = async (q: Query) => found(await call(() => select(table, listing(q)).firstPage()));

    async function* referencePages(references: string[], fields: string[] | 'all'): AsyncGenerator<FoundRecord[]> {
      for (const refs of batches(references)) yield* pages({ formula: referencesFormula(refs), fields });
    }

    return {
      timeoutMs,
      sharedBudget: paced.shared,
      with: (more) => make([...hooks, more]),
      async create(records) {
        for (const b of batches(records.map((fields) => ({ fields })))) await call(() => table.create(b, { typecast: true }));
      },
      async update(records) {
        for (const b of batches(records)) await call(() => table.update(b));
      },
      async destroy(ids) {
        for (const b of batches(ids)) await call(() => table.destroy(b));
      },
      pages,
      firstPage,
      referencePages,
      async findByReference(references, fields) {
        const out: FoundRecord[] = [];
        for await (const page of referencePages(references, fields)) out.push(...page);
        return out;
      },
      async pageAfter(fields, offset) {
        const page = await call(() => listPage(table, { fields, pageSize: 100 }, offset));
        return {
          records: page.records.map((r) => ({ createdTime: r.createdTime, fields: r.fields })),
          ...(page.offset ? { offset: page.offset } : {}),
        };
      },
      async statusRow(reference) {
        const [birth, name] = [columnOf('birthDate'), columnOf('fullName')];
        const [row] = await firstPage({
          formula: referencesFormula([reference]),
          fields: [COLUMNS.status, birth, name, ...Object.values(INVITATION_COLUMNS)],
          pageSize: 1,
          maxRecords: 1,
        });
        if (!row) return undefined;
        const initials = initialsOf(row.fields[name]);
        const invitation = invitationFromFields(row.fields);
        return {
          status: String(row.fields[COLUMNS.status] ?? INITIAL_STATUS),
          birthDate: String(row.fields[birth] ?? ''),
          ...(initials ? { initials } : {}),
          ...(invitation ? { invitation } : {}),
        };
      },
    };
  };
  return make([options]);
}

/** The client for the base the environment names; undefined when Airtable is not configured. */
export function airtableClientFromEnv(options: ClientOptions = {}, env = process.env): AirtableClient | undefined {
  const settings = airtableSettingsFromEnv(env);
  return settings && airtableClient(settings, options);
}
