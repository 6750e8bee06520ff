import { REFERENCE_ALPHABET } from '../src/registration/reference';
import type { Registration } from '../src/registration/validate';

// Synthetic people: every NIK, phone number and birth date here is made up for tests. Each value is
// registered with the log guard (pii-guard.ts), which fails the suite if one ever reaches a log line.

export const personalValues = new Set<string>();

/** People made so far: each gets its own NIK and phone number (launch-size tests make tens of thousands). */
let made = 0;

/** What a person types: the registration's own fields (validate.ts), plus the consent box. */
export type Person = Registration & { consent: boolean };

/** A valid applicant aged `age` or one more (or born on `birthDate`), with a NIK that encodes the date. */
export function person(over: Partial<Person> & { age?: number; female?: boolean } = {}): Person {
  const { age = 25, female = false, ...rest } = over;
  const birthDate = rest.birthDate ?? `${new Date().getUTCFullYear() - age - 1}-03-${female ? '21' : '14'}`;
  const [y, m, d] = birthDate.split('-');
  const day = String(Number(d) + (female ? 40 : 0)).padStart(2, '0');
  // Serial 1000–9999 and district 01–99 (any non-zero district is valid in a NIK): 801,900 distinct NIKs.
  const n = made++;
  const serial = String(1000 + (n % 9000));
  const district = String(1 + (Math.floor(n / 9000) % 99)).padStart(2, '0');
  const nik = `3673${district}${day}${m}${y!.slice(2)}${serial}`;
  const phone = `0812${district}${serial}${String(n % 100).padStart(2, '0')}`;
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
  personalValues
    .add(p.nik)
    .add(p.birthDate)
    .add(p.phone)
    .add(`+62${p.phone.slice(1)}`);
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

let addresses = 0;
/**
 * A client address for one synthetic person (198.18.0.0/15, the range kept for benchmarks): people
 * register from their own phones, and the limits count registrations per client address.
 */
export function clientAddress(): string {
  const n = addresses++;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * Well-formed references this site never issued, one per call: "SRG-" and a two-letter prefix of the
 * caller's (so test files never collide), then a counter in the reference alphabet.
 */
export function unissuedReferences(prefix: string): () => string {
  let i = 0;
  const A = REFERENCE_ALPHABET;
  return () => {
    i++;
    return `SRG-${prefix}${A[(i >> 15) & 31]}${A[(i >> 10) & 31]}${A[(i >> 5) & 31]}${A[i & 31]}`;
  };
}

/** The status check's form as the page sends it: the reference and the birth date's three fields. */
export function statusCheckBody(reference: string, birthDate: string, extra: Record<string, string> = {}): URLSearchParams {
  const [y, m, d] = birthDate.split('-');
  return new URLSearchParams({
    ...extra,
    reference,
    'birthDate-day': String(Number(d)),
    'birthDate-month': String(Number(m)),
    'birthDate-year': y!,
  });
}
