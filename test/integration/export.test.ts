import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clientAddress, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { drainAll } from '../support/delivery';
import { fixtureProject } from '../support/fixture-site';

// npm run registrations:export, run as staff run it, against the stand-in: a NIK keeps all 16 digits
// and a phone number its "+" whichever file a spreadsheet opens.

const run = promisify(execFile);
let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
let dir: string;
const people = [person({ fullName: "Siti Nur'aini S.Pd." }), person()];

beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
  dir = await mkdtemp(join(tmpdir(), 'export-'));
  for (const p of people) {
    const res = await fetch(`${env.site.url}/api/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-nf-client-connection-ip': clientAddress() },
      body: JSON.stringify(p),
    });
    if (res.status !== 201) throw new Error(`registration refused: ${res.status} ${await res.text()}`);
  }
  await drainAll();
});
afterAll(async () => {
  await env?.close();
  await rm(dir, { recursive: true, force: true });
});

const exportTo = (file: string, ...flags: string[]) =>
  run('node_modules/.bin/tsx', ['tools/registrations-export.ts', join(dir, file), ...flags], { env: process.env });

/** A CSV line split as a spreadsheet splits it (quotes, doubled quotes, the separator). */
function splitCsvLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  return [...cells, cur];
}

describe('registrations:export', () => {
  it.each([
    ['comma', 'pendaftaran.csv', [], ','],
    ['semicolon (spreadsheets set to Indonesian)', 'pendaftaran-id.csv', ['--titik-koma'], ';'],
  ])('CSV, %s: NIK and phone as ="…" text cells, UTF-8 with a byte-order mark', async (_why, file, flags, sep) => {
    const { stdout } = await exportTo(file, ...flags);
    expect(stdout).toMatch(/^2 pendaftaran ditulis/);
    const text = await readFile(join(dir, file), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => splitCsvLine(l, sep));
    expect(lines).toHaveLength(2);
    const col = (name: string) => header!.indexOf(name);
    for (const p of people) {
      const row = lines.find((l) => l[col('NIK')] === `="${p.nik}"`);
      expect(row, p.nik).toBeDefined();
      expect(row![col('No. HP/WhatsApp')]).toBe(`="+62${p.phone.slice(1)}"`);
      expect(row![col('Nama lengkap')]).toBe(p.fullName);
    }
  });

  it('XLSX: every cell a string cell, NIK with all 16 digits', async () => {
    await exportTo('pendaftaran.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'pendaftaran.xlsx'));
    const sheet = book.getWorksheet('Pendaftaran')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const nikCol = header.indexOf('NIK') + 1;
    const phoneCol = header.indexOf('No. HP/WhatsApp') + 1;
    const niks = [2, 3].map((r) => sheet.getRow(r).getCell(nikCol));
    for (const cell of niks) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(String(cell.value)).toMatch(/^\d{16}$/);
    }
    expect(niks.map((c) => c.value).sort()).toEqual(people.map((p) => p.nik).sort());
    expect(sheet.getRow(2).getCell(phoneCol).type).toBe(ExcelJS.ValueType.String);
    expect(String(sheet.getRow(2).getCell(phoneCol).value)).toMatch(/^\+628\d+$/);
  });

  it('from a laptop: only Airtable settings, no Netlify Blobs, no Netlify at all — an .xlsx all the same', async () => {
    // A clean environment: PATH and the Airtable settings (the stand-in), nothing of Netlify's.
    const clean = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AIRTABLE_'))),
    } as NodeJS.ProcessEnv;
    expect(clean.NETLIFY_BLOBS_CONTEXT).toBeUndefined();
    const { stdout } = await run('node_modules/.bin/tsx', ['tools/registrations-export.ts', join(dir, 'laptop.xlsx')], { env: clean });
    expect(stdout).toContain('Netlify Blobs tidak tersedia');
    expect(stdout).toMatch(/^\d+ pendaftaran ditulis ke /m);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'laptop.xlsx'));
    const sheet = book.getWorksheet('Pendaftaran')!;
    const nikCol = (sheet.getRow(1).values as unknown[]).slice(1).indexOf('NIK') + 1;
    const niks = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(nikCol).value));
    for (const p of people) expect(niks).toContain(p.nik);
  });
});
