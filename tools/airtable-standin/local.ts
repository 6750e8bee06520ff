import { type AirtableSettings, DEFAULT_TABLE } from '../../src/delivery/airtable';

/** The embedded stand-in that `npm start` runs when no AIRTABLE_TOKEN is set. */
export const LOCAL_STANDIN = {
  port: 4322,
  token: 'local-dev-token',
  baseId: 'appLocalDevBase0',
  table: DEFAULT_TABLE,
  file: '.data/airtable-standin.json',
} as const;

export const localSettings = (): AirtableSettings => ({
  token: LOCAL_STANDIN.token,
  baseId: LOCAL_STANDIN.baseId,
  table: LOCAL_STANDIN.table,
  endpointUrl: `http://127.0.0.1:${LOCAL_STANDIN.port}`,
});

/** `npm start` sets this as OUTBOX_ADMIN_TOKEN so `npm run outbox:status|flush` work locally. */
export const LOCAL_OUTBOX_TOKEN = 'local-outbox-token';
