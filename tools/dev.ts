// npm start: the whole site on http://localhost:4321 — pages, the registration functions (through
// @netlify/vite-plugin), and, without AIRTABLE_TOKEN, the Airtable stand-in on port 4322 (a process of
// its own, keeping records in .data/). Registrations waiting in the outbox are delivered every minute, as the
// scheduled function does in production.
import { spawn } from 'node:child_process';

import { registrationTableFields } from '../src/delivery/airtable-schema';
import { setupTable } from '../src/delivery/airtable-setup';
import type { RegistrationConfig } from '../src/registration/config';
import { CONFIG_FILE } from '../src/site-data/integration';
import { LOCAL_OUTBOX_TOKEN, LOCAL_STANDIN, localSettings } from './airtable-standin/local';
import { StandinProcess } from './airtable-standin/process';
import { startDecapServer } from './decap-server';
import { localSecret } from './local-secrets';

const SITE = 'http://localhost:4321';
const env = {
  OUTBOX_ADMIN_TOKEN: LOCAL_OUTBOX_TOKEN,
  NIK_INDEX_KEY: await localSecret('nik-index-key'),
  OUTBOX_KEYS: `local1:${await localSecret('outbox-key')}`,
  // As Netlify sets it: the scheduled delivery starts the background drain at this address.
  URL: SITE,
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  SITE_DEV_SERVER: '1',
};
let standin: StandinProcess | undefined;

if (!process.env.AIRTABLE_TOKEN) {
  standin = new StandinProcess({
    token: LOCAL_STANDIN.token,
    port: LOCAL_STANDIN.port,
    bases: { [LOCAL_STANDIN.baseId]: [] },
    file: LOCAL_STANDIN.file,
  });
  await standin.start();
  const s = localSettings();
  Object.assign(env, {
    AIRTABLE_TOKEN: s.token,
    AIRTABLE_BASE_ID: s.baseId,
    AIRTABLE_TABLE: s.table,
    AIRTABLE_ENDPOINT_URL: s.endpointUrl,
  });
  console.log(`Airtable stand-in: ${s.endpointUrl} (records in ${LOCAL_STANDIN.file})`);
}

const astro = spawn('node_modules/.bin/astro', ['dev', '--host', '127.0.0.1', '--port', '4321'], { stdio: 'inherit', env });
// The CMS's local backend: /admin on localhost saves straight into content/. It has no login, so it
// listens on 127.0.0.1 only.
const decap = startDecapServer(process.cwd(), { logLevel: 'warn', stderr: true });

async function waitForSite(): Promise<RegistrationConfig> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${SITE}${CONFIG_FILE}`);
      if (res.ok) return (await res.json()) as RegistrationConfig;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('astro dev did not start');
}

const options = await waitForSite();
if (standin) await setupTable(localSettings(), registrationTableFields(options), () => {});
console.log(`\nSitus: ${SITE}/  ·  Formulir: ${SITE}/daftar/  ·  Pengelola konten: ${SITE}/admin/`);

// The same delivery and figures as the scheduled functions, through the dev server so they use the dev
// Blobs store (the figures only while the page is published).
const timer = setInterval(() => {
  fetch(`${SITE}/.netlify/functions/deliver-registrations`).catch(() => {});
  fetch(`${SITE}/.netlify/functions/figures-daily`).catch(() => {});
}, 60_000);

const stop = async () => {
  clearInterval(timer);
  decap.kill('SIGTERM');
  astro.kill('SIGTERM');
  await standin?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
astro.on('exit', (code) => {
  decap.kill('SIGTERM');
  void standin?.stop();
  process.exit(code ?? 0);
});
