// NIK structure (Permendagri on population administration): PP KK CC DDMMYY SSSS.
// PP = province, KK = regency/city, CC = district, DD = birth day (+40 for women), MM, YY, SSSS = serial.
// The region is where the NIK was first issued and never changes, so a resident of Kota Serang (36.73)
// may hold a NIK from anywhere, notably Kabupaten Serang (36.04): the region is never a reason to refuse.

/** Province codes in use (Kemendagri), including the Papua provinces created in 2022. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

interface NikParts {
  province: string;
  regency: string;
  district: string;
  birthDay: number;
  birthMonth: number;
  /** Two digits only: the century is not in the NIK. */
  birthYear2: number;
  female: boolean;
  serial: string;
}

/** Spaces, dots and dashes people type while copying from a KTP are removed. */
function cleanNik(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

type NikResult = { ok: true; nik: string; parts: NikParts } | { ok: false; reason: 'length' | 'invalid' };

export function parseNik(input: string): NikResult {
  const nik = cleanNik(input);
  if (!/^\d+$/.test(nik) || nik.length !== 16) return { ok: false, reason: /^\d*$/.test(nik) ? 'length' : 'invalid' };
  const province = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  const rawDay = Number(nik.slice(6, 8));
  const birthMonth = Number(nik.slice(8, 10));
  const birthYear2 = Number(nik.slice(10, 12));
  const serial = nik.slice(12);
  const female = rawDay > 40;
  const birthDay = female ? rawDay - 40 : rawDay;
  const valid =
    PROVINCE_CODES.has(province) &&
    regency !== '00' &&
    district !== '00' &&
    serial !== '0000' &&
    birthMonth >= 1 &&
    birthMonth <= 12 &&
    birthDay >= 1 &&
    // Day 29 Feb is possible in a leap year; the full check happens against the entered birth date.
    birthDay <= daysInMonth(birthMonth, birthYear2 % 4 === 0 ? 2000 : 2001);
  if (!valid) return { ok: false, reason: 'invalid' };
  return { ok: true, nik, parts: { province, regency, district, birthDay, birthMonth, birthYear2, female, serial } };
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether the NIK encodes this calendar date (YYYY-MM-DD) as the birth date. */
export function nikMatchesBirthDate(parts: NikParts, isoDate: string): boolean {
  const [y, m, d] = isoDate.split('-').map(Number);
  return parts.birthDay === d && parts.birthMonth === m && parts.birthYear2 === (y ?? 0) % 100;
}
