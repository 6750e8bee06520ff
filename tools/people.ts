import type { Registration } from '../src/registration/validate';

// Synthetic people: every NIK, phone number and birth date here is made up for tests. Each value is
// registered with the log guard (pii-guard.ts), which fails the suite if one ever reaches a log line.

export const personalValues = new Set<string>();

let serial = 9000;

/** What a person types: the registration's own fields (validate.ts), plus the consent box. */
export type Person = Registration & { consent: boolean };

/** A valid applicant aged `age` or one more (or born on `birthDate`), with a NIK that encodes the date. */
export function person(over: Partial<Person> & { age?: number; female?: boolean } = {}): Person {
  const { age = 25, female = false, ...rest } = over;
  const birthDate = rest.birthDate ?? `${new Date().getUTCFullYear() - age - 1}-03-${female ? "21" : "14"}`;
  const [y, m, d] = birthDate.split('-');
  const day = String(Number(d) + (female ? 40 : 0)).padStart(2, '0');
  serial = serial >= 9999 ? 9000 : serial + 1;
  const nik = `367301${day}${m}${y!.slice(2)}${serial}`;
  const phone = `0812${String(serial).padStart(4, '0')}${String(Math.floor(serial / 7)).padStart(4, '0')}`;
  const p: Person = {
    fullName: 'Siti Contoh Rahayu',
    nik,
    birthDate,
    phone,
    district: 'cipocok-jaya',
    education: 'sma',
    destinations: ['jepang'],
    sector: 'manufaktur',
    languageLevel: 'basic',
    consent: true,
    ...rest,
  };
  personalValues.add(p.nik).add(p.birthDate).add(p.phone).add(`+62${p.phone.slice(1)}`);
  return p;
}

/** The person as the plain HTML form sends it. */
export function formBody(p: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else if (k === 'consent') {
      if (v) params.append(k, 'yes');
    } else params.append(k, String(v));
  }
  return params.toString();
}
