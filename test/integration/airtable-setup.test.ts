import { afterEach, describe, expect, it } from 'vitest';

import { registrationTableFields } from '../../src/delivery/airtable-schema';
import { setupTable } from '../../src/delivery/airtable-setup';
import { builtSiteData } from '../../src/site-data';
import { StandinProcess } from '../../tools/airtable-standin/process';
import { toCsv } from '../../tools/csv';

const config = builtSiteData()!.config;
const wanted = registrationTableFields(config);
let standin: StandinProcess;
afterEach(() => standin?.stop());

describe('npm run airtable:setup', () => {
  it('creates the table once, then only adds what is missing and leaves the rest alone', async () => {
    standin = new StandinProcess({ token: 't', bases: { appS: [] } });
    const endpointUrl = await standin.start();
    const settings = { token: 't', baseId: 'appS', table: 'Pendaftaran', endpointUrl };
    const lines: string[] = [];
    const first = await setupTable(settings, wanted, (l) => lines.push(l));
    expect(first.created).toEqual(wanted.map((f) => f.name));
    expect(lines[0]).toMatch(/belum ada/);

    const second = await setupTable(settings, [...wanted, { name: 'Catatan petugas', type: 'multilineText' }], () => {});
    expect(second.created).toEqual(['Catatan petugas']);
    expect(second.existing).toHaveLength(wanted.length);
  });

  it('has a Status select with the staff workflow and the reference as the primary field', () => {
    expect(wanted[0]?.name).toBe('Referensi');
    const status = wanted.find((f) => f.name === 'Status');
    expect((status?.options?.choices as { name: string }[]).map((c) => c.name)).toEqual([
      'Baru',
      'Dihubungi',
      'Seleksi',
      'Pelatihan bahasa',
      'Siap berangkat',
      'Tidak memenuhi syarat',
      'Tidak lolos seleksi',
      'Mengundurkan diri',
    ]);
  });

  it("fails with Airtable's own message on a bad token", async () => {
    standin = new StandinProcess({ token: 't', bases: { appS: [] } });
    const endpointUrl = await standin.start();
    await expect(setupTable({ token: 'wrong', baseId: 'appS', table: 'P', endpointUrl }, wanted, () => {})).rejects.toThrow(
      /401 AUTHENTICATION_REQUIRED/,
    );
  });
});

describe('CSV export', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas, keeping phone numbers', () => {
    const csv = toCsv(['A', 'B', 'C'], [{ A: 'Sa"id, S.', B: '=HYPERLINK("x")', C: '+6281234567890' }, { A: ['Jepang', 'Eropa'] }]);
    expect(csv).toBe('\uFEFFA,B,C\r\n"Sa""id, S.","\'=HYPERLINK(""x"")",+6281234567890\r\nJepang; Eropa,,\r\n');
  });
});
