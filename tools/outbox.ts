// npm run outbox:status | outbox:flush — asks the running site (default http://localhost:4321, or
// SITE_URL) through /api/outbox with OUTBOX_ADMIN_TOKEN. Prints references and errors, never content.
import { formatStatus, type OutboxStatus } from '../src/delivery/outbox-status';
import { LOCAL_OUTBOX_TOKEN } from './airtable-standin/local';

const action = process.argv[2];
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const token = process.env.OUTBOX_ADMIN_TOKEN ?? LOCAL_OUTBOX_TOKEN;
const res = await fetch(new URL('/api/outbox', site), {
  method: action === 'flush' ? 'POST' : 'GET',
  headers: { Authorization: `Bearer ${token}` },
}).catch(() => undefined);
if (!res?.ok) {
  console.error(
    res ? `${site} menjawab ${res.status}: periksa OUTBOX_ADMIN_TOKEN.` : `${site} tidak bisa dihubungi: jalankan npm start dulu.`,
  );
  process.exit(1);
}
const body = await res.json();
if (action === 'flush')
  console.log(
    `Terkirim ${body.delivered}; ditahan karena ditolak Airtable ${body.held}${body.paused ? `; pengiriman dijeda: ${body.paused}` : ''}${body.unfinished ? '; masih ada yang menunggu, dilanjutkan otomatis' : ''}.`,
  );
else console.log(formatStatus(body as OutboxStatus));
