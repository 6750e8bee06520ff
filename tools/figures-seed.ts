import { COLUMNS } from '../src/delivery/airtable-fields';
import { FIGURE_COLUMNS, knownRows } from '../src/figures/categories';
import type { RegistrationConfig } from '../src/registration/config';
import type { StandinProcess } from './airtable-standin/process';

// Registrations for the figures' tests, bench and screenshots, put straight into the Airtable stand-in
// (creating 20,000 through the API would take 40 minutes at Airtable's pace). Only the columns the
// figures read, plus a reference: no person, real or synthetic. Every status and kecamatan appears,
// spread over the last six months, and a few counts are small on purpose so suppression shows:
// 6 withdrawn, 4 in Taktakan (which hides the next smallest kecamatan too), 3 in the earliest month,
// 2 naming the last destination, none in the last field of work.

export const SMALL = { withdrawn: 6, taktakan: 4, earliestMonth: 3, lastDestination: 2 } as const;

/** A fixed pseudo-random sequence: the same records for the same count, run after run. */
function sequence(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function weighted<T>(random: () => number, choices: [T, number][]): T {
  const total = choices.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices.at(-1)![0];
}

export function figureRecords(
  count: number,
  config: Pick<RegistrationConfig, 'stages' | 'destinations' | 'sectors' | 'vacancies'>,
  now = Date.now(),
) {
  const random = sequence(count);
  const rows = knownRows(config);
  const districts = rows.districts.map((r) => r.key);
  const sectors = rows.sectors.map((r) => r.key);
  const destinations = rows.destinations.map((r) => r.key);
  const day = 86_400_000;
  const statuses: [string, number][] = [
    ['Baru', 40],
    ['Dihubungi', 20],
    ['Seleksi', 15],
    ['Pelatihan bahasa', 10],
    ['Siap berangkat', 5],
    ['Tidak memenuhi syarat', 6],
    ['Tidak lolos seleksi', 4],
  ];
  const records = [];
  for (let i = 0; i < count; i++) {
    // The first few carry the small counts; the rest are drawn.
    const status = i < SMALL.withdrawn ? 'Mengundurkan diri' : weighted(random, statuses);
    const district =
      i < SMALL.taktakan
        ? 'Taktakan'
        : weighted(
            random,
            districts.filter((d) => d !== 'Taktakan').map((d, k) => [d, 6 - k] as [string, number]),
          );
    const at = i < SMALL.earliestMonth ? now - 200 * day : now - Math.floor(random() * 170 * day);
    const others = destinations.slice(0, -1);
    const named = i < SMALL.lastDestination ? [destinations.at(-1)!] : [];
    const extra = 1 + Math.floor(random() * 3) - named.length;
    for (let k = 0; k < extra; k++) named.push(others[Math.floor(random() * others.length)]!);
    const createdTime = new Date(at + 60_000).toISOString();
    records.push({
      id: `rec${String(i).padStart(14, '0')}`,
      createdTime,
      modifiedTime: createdTime,
      fields: {
        [COLUMNS.reference]: `SRG-T${String(i).padStart(5, '0')}`,
        [FIGURE_COLUMNS.stages]: status,
        [FIGURE_COLUMNS.months]: new Date(at).toISOString(),
        [FIGURE_COLUMNS.districts]: district,
        [FIGURE_COLUMNS.sectors]: weighted(
          random,
          sectors.slice(0, -1).map((s, k) => [s, sectors.length - k] as [string, number]),
        ),
        [FIGURE_COLUMNS.destinations]: [...new Set(named)],
      },
    });
  }
  return records;
}

/** Puts `count` registrations into the stand-in's table (replacing what it held). */
export async function seedFigures(
  standin: StandinProcess,
  baseId: string,
  table: string,
  count: number,
  config: Parameters<typeof figureRecords>[1],
) {
  const rows = figureRecords(count, config);
  await standin.setRecords(baseId, table, rows);
  return rows;
}
