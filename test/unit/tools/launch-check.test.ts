import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { collectionDefs } from '../../../src/content/schemas';
import { newOutboxKey } from '../../../src/delivery/outbox-crypto';
import { formatLaunch, launchItems, readSettings } from '../../../tools/launch-check';
import { withLaunchFacts } from '../../../tools/launch-facts';

/** The tests' own content (a frozen copy): what staff change in content/ never moves these counts. */
const FIXTURE = 'test/fixtures/content';

const readyEnv = {
  AIRTABLE_TOKEN: 'patSynthetic.token',
  AIRTABLE_BASE_ID: 'appSynthetic01',
  NIK_INDEX_KEY: 'x'.repeat(44),
  OUTBOX_KEYS: newOutboxKey('k1'),
  OUTBOX_ADMIN_TOKEN: 'y'.repeat(32),
  BUILD_HOOK_URL: 'https://api.netlify.com/build_hooks/synthetic',
  URL: 'https://kerja-luar-negeri.example.go.id',
  CMS_LOGIN_READY: '1',
  PDP_SIGNOFF_DATA_LOCATION: '1',
  PDP_SIGNOFF_TRANSFER: '1',
  PDP_SIGNOFF_BASIS: '1',
};

describe('npm run check:launch', () => {
  it('lists exactly what is empty today: every contact, complaint channel and privacy fact, and every production setting', async () => {
    const items = launchItems(await readSettings(FIXTURE), {});
    expect(items.filter((i) => !i.ok).map((i) => i.what)).toEqual(items.map((i) => i.what));
    expect(items.map((i) => i.what)).toEqual(
      expect.arrayContaining([
        'Kunci enkripsi kotak keluar',
        'Pejabat pelindungan data pribadi (nama atau jabatan)',
        'Hotline pengaduan KP2MI',
      ]),
    );
    expect(formatLaunch(items)).toMatch(/Belum siap: 32 hal/);
  });

  it('with production settings in the environment, only the content facts remain', async () => {
    const missing = launchItems(await readSettings(FIXTURE), readyEnv).filter((i) => !i.ok);
    expect(missing.every((i) => i.where.startsWith('CMS'))).toBe(true);
    expect(missing).toHaveLength(17);
  });

  it('a site with every launch fact filled (tools/launch-facts.ts, what test:filled-copy fills) is ready', async () => {
    const raw = parseYaml(await readFile(join(FIXTURE, 'settings/site.yaml'), 'utf8')) as Record<string, unknown>;
    const items = launchItems(collectionDefs.settings.schema.parse(withLaunchFacts(raw)), readyEnv);
    expect(items.filter((i) => !i.ok)).toEqual([]);
    expect(formatLaunch(items)).toMatch(/Semua siap/);
  });

  it.each([
    ['a malformed outbox key', { OUTBOX_KEYS: 'k1:pendek' }, 'Kunci enkripsi kotak keluar'],
    ['a localhost address', { URL: 'http://localhost:4321' }, 'Alamat publik situs (https, bukan localhost)'],
    [
      'a short secret: each key derived from it is named',
      { NIK_INDEX_KEY: 'rahasia' },
      'Kunci tautan pribadi di tanda terima (diturunkan dari NIK_INDEX_KEY)',
    ],
    [
      'a short secret (the NIK index)',
      { NIK_INDEX_KEY: 'rahasia' },
      'Kunci indeks NIK ganda dan batas 3 pendaftaran per NIK (diturunkan dari NIK_INDEX_KEY)',
    ],
  ])('%s is not ready', async (_why, change, what) => {
    const items = launchItems(await readSettings(FIXTURE), { ...readyEnv, ...change });
    expect(items.find((i) => i.what === what)?.ok).toBe(false);
  });
});
