// npm run registrations:find -- SRG-XXXXXX   everything held about one registration: a readable
//                                            summary here, and the same as JSON in a file (for the
//                                            person's copy, UU PDP Pasal 7 and 13)
// npm run registrations:erase -- SRG-XXXXXX  deletes it everywhere; prints what was removed
// npm run registrations:unlock -- SRG-XXXXXX the status check answers this reference again (its owner
//                                            asked in person after a stranger's wrong tries locked it)
// npm run registrations:release [-- SRG-XXXXXX]  the NIK's registrations of the last 30 days are
//                                            forgotten, so its owner (who came with the KTP) can
//                                            register again: by a reference registered with it, or,
//                                            without one, by the NIK typed at the prompt (read from
//                                            the keyboard, so it never lands in the shell's history)
// Asks the running site (default http://localhost:4321, or SITE_URL) through /api/registrations with
// OUTBOX_ADMIN_TOKEN. Staff guide: docs/airtable.md ("Hak pemilik data").
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';

import type { Erasure, Holdings } from '../src/delivery/registration-rights';
import { LOCAL_OUTBOX_TOKEN } from './airtable-standin/local';

const [action, reference = '', ...rest] = process.argv.slice(2);
const actions = ['find', 'erase', 'unlock', 'release'];
const outIndex = rest.indexOf('--out');
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const token = process.env.OUTBOX_ADMIN_TOKEN ?? LOCAL_OUTBOX_TOKEN;

if (!actions.includes(action ?? '') || (!reference && action !== 'release')) {
  console.error('Pakai: npm run registrations:find|erase|unlock|release -- SRG-XXXXXX (release tanpa nomor: NIK ditanyakan)');
  process.exit(2);
}

/** The NIK, typed by staff at a prompt: never an argument (shell history) or part of a URL. */
async function askNik(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const nik = (await rl.question('NIK pemilik (16 angka, dari KTP yang ditunjukkan): ')).replace(/[\s.-]/g, '');
  rl.close();
  if (!/^\d{16}$/.test(nik)) {
    console.error('NIK harus 16 angka.');
    process.exit(2);
  }
  return nik;
}

const who = action === 'release' && !reference ? { nik: await askNik() } : { reference };
const res = await fetch(new URL('/api/registrations', site), {
  method: 'POST',
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ action, ...who }),
}).catch(() => undefined);
if (!res) {
  console.error(`${site} tidak bisa dihubungi: jalankan npm start dulu, atau atur SITE_URL.`);
  process.exit(1);
}
const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
if (!res.ok) {
  console.error(
    res.status === 404 ? `${site} menjawab 404: periksa OUTBOX_ADMIN_TOKEN.` : `Gagal (${res.status}): ${String(body.error ?? '')}`,
  );
  process.exit(1);
}

const lines = (fields: Record<string, unknown>) =>
  Object.entries(fields).map(([k, v]) => `    ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);

if (action === 'find') {
  const h = body as unknown as Holdings;
  const out = [`Nomor pendaftaran ${h.reference}`];
  if (!h.outbox && !h.airtable) {
    out.push(
      h.issued
        ? '  Tidak ada data tersimpan untuk nomor ini.'
        : '  Nomor ini tidak pernah diberikan situs ini, atau datanya sudah dihapus. Tidak ada data tersimpan.',
    );
  }
  if (h.outbox) {
    out.push(
      `  Di outbox (belum sampai di Airtable; ${h.outbox.state}, diterima ${h.outbox.createdAt}${h.outbox.lastError ? `, ditolak: ${h.outbox.lastError}` : ''}):`,
      ...lines(h.outbox.fields),
    );
  }
  if (h.airtable) out.push(`  Di Airtable (baris ${h.airtable.id}):`, ...lines(h.airtable.fields));
  console.log(out.join('\n'));
  if (h.outbox || h.airtable) {
    const file = outIndex >= 0 ? rest[outIndex + 1]! : `data-${h.reference}.json`;
    await writeFile(file, `${JSON.stringify(h, null, 2)}\n`, { mode: 0o600 });
    console.log(`\nSalinan JSON: ${file} — berikan kepada pemilik data lewat saluran resmi, lalu hapus berkas ini.`);
  }
} else if (action === 'release') {
  const released = Number(body.released);
  console.log(
    `${reference ? `NIK dari ${reference}` : 'NIK ini'}: bisa didaftarkan lagi (${released} pendaftaran dalam 30 hari terakhir tidak dihitung lagi).`,
  );
} else if (action === 'unlock') {
  console.log(`${String(body.reference)}: cek status dibuka lagi (${Number(body.cleared)} percobaan salah dihapus).`);
} else {
  const e = body as unknown as Erasure;
  console.log(
    e.nothing
      ? `${e.reference}: tidak ada yang tersimpan (sudah dihapus sebelumnya, atau nomor ini tidak pernah diberikan).`
      : `${e.reference} dihapus dari:\n${e.removed.map((r) => `  - ${r}`).join('\n')}`,
  );
}
