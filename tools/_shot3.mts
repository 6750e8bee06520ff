import { launchBrowser } from './browser';
import { startRegistrationEnv } from './registration-env';
import { person } from './people';
import { airtableSettingsFromEnv } from '../src/delivery/airtable';
import { drainOutbox } from '../src/delivery/drain';
const env = await startRegistrationEnv({ requestsPerSecond: 1000 });
const p = person();
const ref = ((await (await fetch(`${env.site.url}/api/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(p) })).json()) as { reference: string }).reference;
await drainOutbox(airtableSettingsFromEnv()!);
env.records()[0]!.fields.Status = 'Seleksi';
process.env.STATUS_CACHE_MINUTES = '0';
const browser = await launchBrowser();
for (const [name, width] of [['phone', 360], ['desktop', 1280]] as const) {
  const page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
  const shot = async (label: string) => page.screenshot({ path: `/tmp/s-${name}-${label}.png`, fullPage: true });
  await page.goto(`${env.site.url}/daftar/terima-kasih/?ref=${ref}`); await shot('receipt');
  await page.goto(`${env.site.url}/cek-status/`); await shot('form');
  await page.fill('#s-reference', ref);
  const [y, m, d] = p.birthDate.split('-');
  await page.fill('#s-birthDate', String(Number(d))); await page.fill('#s-birthDate-month', String(Number(m))); await page.fill('#s-birthDate-year', y!);
  await page.click('button[type=submit]'); await page.waitForURL(/api/); await shot('answer');
  await page.goto(`${env.site.url}/tahapan/`); await shot('stages');
  await page.goto(`${env.site.url}/daftar/`); await page.locator('#f-birthDate').scrollIntoViewIfNeeded(); await page.screenshot({ path: `/tmp/s-${name}-date.png` });
}
await browser.close(); await env.close();
