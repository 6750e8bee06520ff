import { launchBrowser } from './browser';
import { serveSite } from './static-server';
const site = await serveSite('dist');
const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
const page = await ctx.newPage();
for (const p of process.argv.slice(2)) {
  await page.goto(site.url + p);
  const file = `/tmp/shot${p.replace(/\//g, '_')}.png`;
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 360, height: 1300 }, fullPage: true });
  console.log(file);
}
await browser.close(); await site.close();
