import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getStore } from '@netlify/blobs';
import { parse } from 'node-html-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { eligibilityHandler } from '../../netlify/functions/eligibility';
import { registerHandler } from '../../netlify/functions/register';
import { receiptHandler } from '../../netlify/functions/registration-receipt';
import { receiptToken } from '../../src/server/keys';
import type { SiteData } from '../../src/site-data/types';
import { LocalBlobsServer as BlobsServer } from '../../tools/local-blobs';
import { formBody, person } from '../../tools/people';
import { productionContext } from '../../tools/static-server';
import { fixtureProject } from '../support/fixture-site';

// The pages the functions answer with come from the build (src/site-data/generated.json), each with its
// own title, breadcrumb and language switch, and no function fetches its own site to make them.

let site: SiteData;
let blobs: BlobsServer;
let blobsUrl: string;
const realFetch = globalThis.fetch;
beforeAll(async () => {
  const built = JSON.parse(await readFile(join(fixtureProject(), 'src/site-data/generated.json'), 'utf8')) as SiteData;
  // The tests' content leaves the launch facts empty (the launch check counts them): opened here as
  // content that fills them would (test/integration/launch-gate.test.ts covers the gate itself).
  site = { ...built, config: { ...built.config, gate: [] } };
  // The receipt asks the references store whether this site issued the number: a Blobs server, which
  // the stub below lets through; anything else (the site itself above all) is refused and recorded.
  blobs = new BlobsServer({ directory: await mkdtemp(join(tmpdir(), 'pages-blobs-')), token: 't', port: 0 });
  blobsUrl = `http://127.0.0.1:${(await blobs.start()).port}`;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(
    JSON.stringify({ edgeURL: blobsUrl, uncachedEdgeURL: blobsUrl, siteID: 'pages', token: 't' }),
  ).toString('base64');
  await getStore({ name: 'registration-references', consistency: 'strong' }).set('SRG-ABCDEF', '');
  // Synthetic: the secret the receipt link's token is derived from.
  process.env.NIK_INDEX_KEY ??= 'function-pages-synthetic-key';
});
afterAll(() => blobs?.stop());
afterEach(() => vi.unstubAllGlobals());

/** Calls a handler at an origin where no site answers, with fetch refusing any request but the Blobs store's. */
async function call(handler: (req: Request, context?: never) => Promise<Response>, path: string, init?: RequestInit) {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (url: unknown, options?: RequestInit) => {
    if (String(url).startsWith(blobsUrl)) return realFetch(url as string, options);
    fetched.push(String(url));
    throw new Error('no network');
  });
  const res = await handler(new Request(`http://site.invalid${path}`, init), productionContext() as never);
  vi.unstubAllGlobals();
  const doc = parse(await res.text());
  return {
    res,
    fetched,
    title: doc.querySelector('title')?.text,
    crumbs: doc.querySelectorAll('.crumbs li').map((li) => li.text.trim()),
    languageSwitch: doc.querySelector('a.lang')?.getAttribute('href'),
    h1: doc.querySelector('main h1')?.text,
  };
}

describe('function pages', () => {
  it('the receipt: its own title and breadcrumb, the switch keeps the reference', async () => {
    const token = receiptToken('SRG-ABCDEF');
    const page = await call(
      receiptHandler(() => site),
      `/daftar/terima-kasih/?ref=SRG-ABCDEF&t=${token}`,
    );
    expect(page.res.status).toBe(200);
    expect(page.title).toBe('SRG-ABCDEF — Tanda terima pendaftaran | Kerja Luar Negeri Kota Serang');
    expect(page.crumbs).toEqual(['Beranda', 'Daftar minat kerja luar negeri', 'Tanda terima pendaftaran']);
    expect(page.languageSwitch).toBe(`/en/register/thank-you/?ref=SRG-ABCDEF&t=${token}`);
    expect(page.fetched).toEqual([]);
  });

  it('the self-check result: its own breadcrumb, the switch keeps the answers', async () => {
    const page = await call(
      eligibilityHandler(() => site),
      '/api/cek-kelayakan?usia=over&pendidikan=sma&lang=en',
    );
    expect(page.res.status).toBe(200);
    expect(page.title).toBe('Eligibility check result | Kota Serang Jobs Abroad');
    expect(page.crumbs).toEqual(['Home', 'Eligibility check', 'Eligibility check result']);
    expect(page.languageSwitch).toBe('/api/cek-kelayakan?usia=over&pendidikan=sma&lang=id');
    expect(page.fetched).toEqual([]);
  });

  it('registration errors: the form page titled as an error, the switch to the other form', async () => {
    const page = await call(
      registerHandler(() => site),
      '/api/register',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: formBody({ ...person(), nik: '123' }),
      },
    );
    expect(page.res.status).toBe(422);
    expect(page.title).toMatch(/^Kesalahan: Daftar minat/);
    expect(page.crumbs).toEqual(['Beranda', 'Daftar minat kerja luar negeri']);
    expect(page.languageSwitch).toBe('/en/register/');
    expect(page.fetched).toEqual([]);
  });

  it("without the build's data a function answers 503 with a message, not a broken page", async () => {
    const page = await call(
      eligibilityHandler(() => undefined),
      '/api/cek-kelayakan?lang=id',
    );
    expect(page.res.status).toBe(503);
    expect(page.res.headers.get('retry-after')).toBe('60');
  });
});
