import type { FigureRecord } from './tally';

// All the figures need of Airtable: the next page of records, with only these columns, after an offset.
// The computation (run.ts) is written against this; airtable-pages.ts is the one adapter.

interface FigurePage {
  records: FigureRecord[];
  /** Airtable's offset of the page after this one; none on the last page. */
  offset?: string;
}

export type NextPage = (columns: string[], offset: string | undefined) => Promise<FigurePage>;

/** Airtable no longer knows the offset (422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE): list again from the start. */
export class OffsetExpired extends Error {
  constructor() {
    super('LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
  }
}
