// Screenshots of key pages at phone and desktop width, for people to look at (not an assertion).
// Usage: npm run screenshots -- [path ...]   (writes test-results/screenshots/*.png)
// The built site by default; SITE_URL=http://localhost:4321 shoots the running `npm start` (function pages).
import { mkdir } from 'node:fs/promises';

import { launchBrowser, viewports } from './browser';
import { serveSite } from './static-server';

const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const targets = paths.length ? paths : ['/', '/tujuan/jepang/', '/tanya-jawab/', '/en/'];
const out = 'test-results/screenshots';
await mkdir(out, { recursive: true });
const site = process.env.SITE_URL ? { url: process.env.SITE_URL, close: async () => {} } : await serveSite('dist');
const browser = await launchBrowser();
for (const [name, viewport] of Object.entries(viewports)) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  for (const path of targets) {
    await page.goto(site.url + path);
    const file = `${out}/${name}${path.replace(/\//g, '_') || '_'}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await context.close();
}
await browser.close();
await site.close();
