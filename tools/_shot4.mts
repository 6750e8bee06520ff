import { launchBrowser } from './browser';
import { serveSite } from './static-server';
const site = await serveSite('dist');
const browser = await launchBrowser();
for (const [name, width] of [['phone', 360], ['desktop', 1280]] as const) {
  const page = await (await browser.newContext({ viewport: { width, height: 740 } })).newPage();
  await page.goto(site.url + '/jadwal/');
  await page.screenshot({ path: `/tmp/m-${name}-closed.png` });
  await page.focus('.nav__menu summary'); await page.keyboard.press('Enter');
  await page.screenshot({ path: `/tmp/m-${name}-open.png` });
}
await browser.close(); await site.close();
