import { type AirtableClient, errorLabel } from '../delivery/airtable';
import { type NextPage, OffsetExpired } from './source';

// The figures' one way to Airtable: the client the run's function made (src/delivery/airtable.ts), one
// page a call after Airtable's offset, so a later run resumes where this one stopped; every page through
// the shared budget, waiting at most 5 s for its slot (without one the run stops and resumes later).

export function airtablePages(airtable: AirtableClient): NextPage {
  const client = airtable.with({ maxWaitMs: 5_000 });
  return async (columns, offset) => {
    try {
      return await client.pageAfter(columns, offset);
    } catch (e) {
      if (errorLabel(e).startsWith('LIST_RECORDS_ITERATOR_NOT_AVAILABLE')) throw new OffsetExpired();
      throw e;
    }
  };
}
