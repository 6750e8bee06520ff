import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eligibilityHandler } from '../netlify/functions/eligibility';
import invitationCalendarHandler from '../netlify/functions/invitation-calendar';
import { config as calendarConfig } from '../netlify/functions/invitation-calendar';
import { config as letterConfig, invitationLetterHandler } from '../netlify/functions/invitation-letter';
import { config as verifyConfig, letterVerifyHandler } from '../netlify/functions/letter-verify';
import outboxHandler from '../netlify/functions/outbox';
import { registerHandler } from '../netlify/functions/register';
import { receiptHandler } from '../netlify/functions/registration-receipt';
import registrationsHandler from '../netlify/functions/registrations';
import { statusHandler } from '../netlify/functions/status';
import { DEFAULT_TABLE } from '../src/delivery/airtable';
import { registrationTableFields } from '../src/delivery/airtable-schema';
import type { RegistrationConfig } from '../src/registration/config';
import type { SiteData } from '../src/site-data/types';
import { StandinProcess, type StandinRecord } from './airtable-standin/process';
import { type BlobsFaults, LocalBlobsServer, setRemoteFaults } from './local-blobs';
import { serveSite } from './static-server';

export const BASE_ID = 'appTestBase0001';
export const TABLE = DEFAULT_TABLE;
const TOKEN = 'test-token';

const pathsOf = (path: string | string[] | undefined) => (Array.isArray(path) ? path : path ? [path] : []);
const receiptPaths = ['/daftar/terima-kasih', '/daftar/terima-kasih/', '/en/register/thank-you', '/en/register/thank-you/'];

/**
 * The registration path end to end on this machine: the built site, the real handlers, Netlify Blobs'
 * own local server, and the Airtable stand-in over HTTP through the official SDK.
 */
/** The outbox key tests seal with: synthetic, 32 bytes of 7. */
export const TEST_OUTBOX_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

/** The staff token of the test site's /api/outbox and /api/registrations. */
export const TEST_ADMIN_TOKEN = 'test-admin-token';

export async function startRegistrationEnv(
  opts: { requestsPerSecond?: number; penaltyMs?: number; blobsPort?: number; project?: string } = {},
) {
  const { blobsPort, project = '.', ...standinOpts } = opts;
  // What the project's build handed its functions (src/site-data): its choices and page shells.
  const built = JSON.parse(await readFile(join(project, 'src/site-data/generated.json'), 'utf8')) as SiteData;
  const config = built.config;
  const dir = await mkdtemp(join(tmpdir(), 'blobs-'));
  // A Blobs server in another process (the bench) or in this one (tests).
  const blobRequests: { type: string; url: string; at: number }[] = [];
  const blobs = blobsPort
    ? undefined
    : new LocalBlobsServer({
        directory: dir,
        token: 'blobs-token',
        port: 0,
        onRequest: (r: { type: string; url: string }) => void blobRequests.push({ ...r, at: performance.now() }),
      });
  const port = blobsPort ?? (await blobs!.start()).port;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(
    JSON.stringify({
      edgeURL: `http://127.0.0.1:${port}`,
      uncachedEdgeURL: `http://127.0.0.1:${port}`,
      siteID: 'test-site',
      token: 'blobs-token',
    }),
  ).toString('base64');

  // In its own process: requests are timed where they arrive, not on this (busy) event loop.
  const standin = new StandinProcess({
    token: TOKEN,
    bases: { [BASE_ID]: [{ name: TABLE, fields: registrationTableFields(config) }] },
    ...standinOpts,
  });
  const endpoint = await standin.start();
  Object.assign(process.env, {
    // Synthetic: the key of the NIK index in tests (production sets its own secret).
    NIK_INDEX_KEY: 'test-nik-index-key',
    // Synthetic outbox key (32 bytes); production's is a secret in Netlify's environment.
    OUTBOX_KEYS: TEST_OUTBOX_KEYS,
    OUTBOX_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    AIRTABLE_TOKEN: TOKEN,
    AIRTABLE_BASE_ID: BASE_ID,
    AIRTABLE_TABLE: TABLE,
    AIRTABLE_ENDPOINT_URL: endpoint,
  });
  // The registration config, changeable by a test (e.g. registration closed) as a CMS edit and rebuild would.
  // The tests' content (test/fixtures/content) leaves the launch facts empty on purpose (the launch
  // check counts them), so the production gate is opened here as content that fills them would;
  // the gate's own tests close it again with setConfig({ gate: [...] }).
  const open: SiteData = { ...built, config: { ...built.config, gate: [] } };
  let current: SiteData = open;
  const siteData = () => current;
  const receipt = receiptHandler(siteData);
  const routes = Object.fromEntries([
    ['/api/register', registerHandler(siteData)],
    ['/api/cek-kelayakan', eligibilityHandler(siteData)],
    ['/api/registrations', registrationsHandler],
    ['/api/cek-status', statusHandler(siteData)],
    ['/api/outbox', outboxHandler],
    ...receiptPaths.map((p) => [p, receipt] as const),
    // The selection invitation's pages, at the paths their functions declare.
    ...pathsOf(letterConfig.path).map((p) => [p, invitationLetterHandler(siteData)] as const),
    ...pathsOf(calendarConfig.path).map((p) => [p, invitationCalendarHandler] as const),
    ...pathsOf(verifyConfig.path).map((p) => [p, letterVerifyHandler(siteData)] as const),
  ]);
  const site = await serveSite(join(project, 'dist'), routes);
  return {
    site,
    standin,
    config,
    /** The table's rows now (a copy: change them with editRecord or setRecords). */
    records: () => standin.records(BASE_ID, TABLE),
    /** A row changed as staff change it in Airtable. */
    editRecord: (id: string, fields: StandinRecord['fields']) => standin.editRecord(BASE_ID, TABLE, id, fields),
    /** The table's rows replaced (a year of registrations laid out at once). */
    setRecords: (records: StandinRecord[]) => standin.setRecords(BASE_ID, TABLE, records),
    /** Requests the Blobs server answered (type, path, when): tests count what a run reads, and in what rounds. */
    blobRequests,
    /** Makes the Blobs server misbehave (refused or lost conditional writes, latency); `{}` heals it. */
    async blobsFaults(faults: BlobsFaults): Promise<void> {
      if (blobs) blobs.setFaults(faults);
      else await setRemoteFaults(port, 'blobs-token', faults);
    },
    setConfig(change: Partial<RegistrationConfig>) {
      current = { ...open, config: { ...open.config, ...change } };
    },
    async close() {
      await site.close();
      await standin.stop();
      await blobs?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
