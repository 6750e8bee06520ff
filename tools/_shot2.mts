import { launchBrowser } from './browser';
import { startRegistrationEnv } from './registration-env';
const env = await startRegistrationEnv({ requestsPerSecond: 1000 });
const browser = await launchBrowser();
for (const [name, width] of [['phone', 360], ['desktop', 1280]] as const) {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  for (const path of process.argv.slice(2)) {
    await page.goto(env.site.url + path);
    await page.screenshot({ path: `/tmp/${name}${path.replace(/[/?=]/g, '_')}.png` });
  }
}
await browser.close();
await env.close();
