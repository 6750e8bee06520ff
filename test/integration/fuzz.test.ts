import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { fixtureProject } from '../support/fixture-site';

// No public function answers 5xx, whatever it is sent: random bytes and strings, as form bodies, JSON,
// query strings and headers, to every public endpoint. Seeded, so a failure is repeatable: the
// message names the seed and the request.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());

/** mulberry32: a small seeded generator, so every run sends the same requests. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const samples = [
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    '"><img src=x onerror=1>',
    "' OR 1=1 --",
    '{{7*7}}',
    '${7*7}',
    '%00',
    '%',
    '%E0%A4%A',
    '\u0000',
    '\uD800',
    '\uFFFF',
    '\u202E',
    '\u2028',
    '😀'.repeat(20),
    '٣٦٧٣٠١١٤٠٣٩٠٠٠١', // Arabic-Indic digits: a NIK that is not one
    '３６７３０１',
    'SRG-',
    'srg 7k4qpx',
    'SRG-0O1IL0',
    'SRG-ZZZZZZ',
    '2026-02-30',
    '0000-00-00',
    '29',
    '2',
    '1999',
    'x'.repeat(5000),
    'é'.repeat(22), // a receipt token's length, not its form
    'ア'.repeat(22),
  ];
  const chars = (n: number, from: string) => Array.from({ length: n }, () => from[int(from.length)]).join('');
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const anything = ascii + '\t\n\r\u0000\u0001\u007f\u00a0éñ中文😀\u202e\ud800';
  const string = (): string => {
    switch (int(4)) {
      case 0:
        return pick(samples);
      case 1:
        return chars(int(40), ascii);
      case 2:
        return chars(int(200), anything);
      default:
        return pick(samples) + chars(int(10), anything);
    }
  };
  /** A header value fetch will send (Latin-1, no line breaks). */
  const headerValue = () => chars(int(60), `${ascii}\u00a0\u00e9\u00ff`).trim();
  const bytes = () => Uint8Array.from({ length: int(3000) }, () => int(256));
  return { next, int, pick, string, headerValue, bytes };
}

const FIELDS = [
  'fullName',
  'nik',
  'birthDate',
  'birthDate-day',
  'birthDate-month',
  'birthDate-year',
  'phone',
  'email',
  'district',
  'education',
  'destinations',
  'sector',
  'languageLevel',
  'languageCertificate',
  'vacancy',
  'consent',
  'submissionId',
  'kode_konfirmasi_x',
  'lang',
  'reference',
  'age',
  '__proto__',
  'constructor',
];

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
  what: string;
}

/** A receipt link that opens (its reference and token), so the fuzz reaches past the first checks. */
interface Known {
  ref: string;
  token: string;
}

function requests(seed: number, count: number, known: Known): Sent[] {
  const g = generator(seed);
  const out: Sent[] = [];
  const reference = () => g.pick([known.ref, 'SRG-ZZZZZZ', known.ref.toLowerCase(), g.string()]);
  for (let i = 0; i < count; i++) {
    const endpoint = g.pick(['register', 'register', 'status', 'status', 'eligibility', 'receipt', 'receipt'] as const);
    const path: string = {
      register: g.pick(['/api/register', '/api/register?lang=en']),
      status: '/api/cek-status',
      eligibility: '/api/cek-kelayakan',
      receipt: g.pick(['/daftar/terima-kasih/', '/en/register/thank-you/', '/daftar/terima-kasih']),
    }[endpoint];
    const query = new URLSearchParams();
    if (endpoint === 'receipt') {
      query.set('ref', reference());
      query.set('t', g.pick([known.token, g.string(), 'A'.repeat(22), `${known.token.slice(0, 21)}é`]));
    }
    for (let k = g.int(4); k > 0; k--) query.append(g.pick([...FIELDS, 'ref', 't', g.string()]), g.string());
    const headers: Record<string, string> = {
      'x-nf-client-connection-ip': g.pick([
        `198.18.${g.int(256)}.${g.int(256)}`,
        g.headerValue(),
        '::1',
        `2001:db8::${g.int(9999).toString(16)}`,
      ]),
    };
    for (const h of ['Origin', 'Sec-Fetch-Site', 'Accept', 'Accept-Language', 'Cookie', 'Referer'])
      if (g.next() < 0.2) headers[h] = g.headerValue();
    // Often near-valid (a real registration or status check with a few fields replaced), sometimes nothing like one.
    const fields = (): Record<string, unknown> => {
      const valid = person();
      const [y, m, d] = valid.birthDate.split('-');
      const base: Record<string, unknown> =
        g.next() < 0.3
          ? {}
          : endpoint === 'status'
            ? { reference: reference(), 'birthDate-day': d, 'birthDate-month': m, 'birthDate-year': y }
            : { ...valid, consent: 'yes' };
      for (let k = g.int(5); k > 0; k--) base[g.pick(FIELDS)] = g.string();
      return base;
    };
    const form = () => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(fields())) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
      return p.toString();
    };
    const json = () => {
      const value = (depth: number): unknown =>
        depth > 3
          ? g.string()
          : g.pick([
              () => g.string(),
              () => g.int(1e9) - 5e8,
              () => null,
              () => [value(depth + 1), value(depth + 1)],
              () => ({ [g.pick(FIELDS)]: value(depth + 1) }),
              () => g.next() < 0.5,
            ])();
      const body = fields();
      for (let k = g.int(3); k > 0; k--) body[g.pick(FIELDS)] = value(0);
      return g.next() < 0.1 ? g.string() : JSON.stringify(g.next() < 0.1 ? value(0) : body);
    };
    const posts = endpoint === 'register' || endpoint === 'status';
    const method = posts ? g.pick(['POST', 'POST', 'POST', 'POST', 'GET', 'PUT']) : g.pick(['GET', 'GET', 'GET', 'POST']);
    const kind = g.int(6);
    const sent: Sent = { method, path: `${path}${path.includes('?') ? '&' : '?'}${query}`, headers, what: `${endpoint} kind ${kind}` };
    if (method !== 'GET') {
      if (kind <= 1) [sent.headers['Content-Type'], sent.body] = ['application/x-www-form-urlencoded', form()];
      else if (kind === 2) [sent.headers['Content-Type'], sent.body] = ['application/json', json()];
      else if (kind === 3)
        [sent.headers['Content-Type'], sent.body] = [
          g.pick([
            'application/x-www-form-urlencoded',
            'application/json',
            'text/plain',
            'multipart/form-data; boundary=x',
            g.headerValue(),
          ]),
          g.bytes(),
        ];
      else if (kind === 4) [sent.headers['Content-Type'], sent.body] = ['application/x-www-form-urlencoded', g.string()];
      else sent.body = g.string();
    }
    out.push(sent);
  }
  return out;
}

describe('random input to every public endpoint', () => {
  let known: Known;
  beforeAll(async () => {
    const res = await fetch(`${env.site.url}/api/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-nf-client-connection-ip': '198.19.0.1' },
      body: new URLSearchParams({ ...Object.fromEntries(Object.entries(person()).map(([k, v]) => [k, String(v)])), consent: 'yes' }),
    });
    const url = new URL(res.headers.get('location')!, env.site.url);
    known = { ref: url.searchParams.get('ref')!, token: url.searchParams.get('t')! };
  });

  it.each([20261207, 424242, 7])('seed %i: 300 requests, no 5xx', async (seed) => {
    const sent = requests(seed, 300, known);
    const failures: string[] = [];
    for (let i = 0; i < sent.length; i += 20) {
      await Promise.all(
        sent.slice(i, i + 20).map(async (r, j) => {
          const res = await fetch(`${env.site.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status >= 500) failures.push(`#${i + j} ${r.method} ${r.path.slice(0, 80)} (${r.what}): ${res.status}`);
        }),
      );
    }
    expect(failures, `seed ${seed}`).toEqual([]);
  });
});
