import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobsServer } from '@netlify/blobs/server';
import { AirtableStandin } from '../../src/lib/airtable-standin/server';
import { registrationTableFields } from '../../src/lib/registration/airtable-schema';
import type { RegistrationOptions } from '../../src/lib/registration/options';
import { clearSiteCache } from '../../src/lib/registration/site';
import register from '../../netlify/functions/register';
import receipt from '../../netlify/functions/registration-receipt';
import eligibility from '../../netlify/functions/eligibility';
import { serveSite } from './static-server';

export const BASE_ID = 'appTestBase0001';
export const TABLE = 'Pendaftaran';
const TOKEN = 'test-token';

export const receiptPaths = ['/daftar/terima-kasih', '/daftar/terima-kasih/', '/en/register/thank-you', '/en/register/thank-you/'];

/**
 * The registration path end to end on this machine: the built site, the real handlers, Netlify Blobs'
 * own local server, and the Airtable stand-in over HTTP through the official SDK.
 */
export async function startRegistrationEnv(
  opts: { requestsPerSecond?: number; penaltyMs?: number; blobsPort?: number; root?: string } = {},
) {
  const { blobsPort, root = 'dist', ...standinOpts } = opts;
  const options = JSON.parse(await readFile(join(root, 'registration-config.json'), 'utf8')) as RegistrationOptions;
  const dir = await mkdtemp(join(tmpdir(), 'blobs-'));
  // A Blobs server in another process (the bench) or in this one (tests).
  const blobs = blobsPort ? undefined : new BlobsServer({ directory: dir, token: 'blobs-token', port: 0 });
  const port = blobsPort ?? (await blobs!.start()).port;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(
    JSON.stringify({ edgeURL: `http://127.0.0.1:${port}`, uncachedEdgeURL: `http://127.0.0.1:${port}`, siteID: 'test-site', token: 'blobs-token' }),
  ).toString('base64');

  const standin = new AirtableStandin({
    token: TOKEN,
    bases: { [BASE_ID]: [{ name: TABLE, fields: registrationTableFields(options) }] },
    ...standinOpts,
  });
  const endpoint = await standin.start();
  Object.assign(process.env, {
    AIRTABLE_TOKEN: TOKEN,
    AIRTABLE_BASE_ID: BASE_ID,
    AIRTABLE_TABLE: TABLE,
    AIRTABLE_ENDPOINT_URL: endpoint,
  });
  clearSiteCache();
  // The site's published choices, changeable by a test (e.g. registration closed) as a CMS edit would.
  let current = options;
  const config = async () => new Response(JSON.stringify(current), { headers: { 'Content-Type': 'application/json' } });
  const routes = Object.fromEntries([
    ['/api/register', register],
    ['/api/cek-kelayakan', eligibility],
    ['/registration-config.json', config],
    ...receiptPaths.map((p) => [p, receipt] as const),
  ]);
  const site = await serveSite(root, routes);
  return {
    site,
    standin,
    options,
    records: () => standin.records(BASE_ID, TABLE),
    setOptions(change: Partial<RegistrationOptions>) {
      current = { ...options, ...change };
      clearSiteCache();
    },
    async close() {
      await site.close();
      await standin.stop();
      await blobs?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
