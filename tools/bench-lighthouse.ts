// npm run bench (second part) — Lighthouse 12 against Debian's Chromium, on the built site served with
// its production headers. Two profiles:
//   mobile — Lighthouse's default (simulated slow 4G, 4× CPU slowdown), every key page, all categories
//   2G     — 250 kbps, 300 ms round trips, 6× CPU slowdown (a weak connection opened from a WhatsApp
//            link), the pages people land on: home, a destination, the registration form. Target ≤ 1.6 s LCP.
// Prints scores and LCP/TBT/CLS and the first request's transfer size. LIGHTHOUSE_PROFILES=2G runs one only.
// Served gzip-only, as an independent run against a plain server measures it: with brotli the form's
// page fit one 2G round trip (≈ 9,375 B = 250 kbps × 300 ms) and gzip did not, so the bench said 1.36 s
// where an independent run measured 1.73 s. Gzip is the bytes every phone can be sent.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { keyPages } from './bench-pages';
import { CHROMIUM } from './browser';
import { serveSite } from './static-server';

const run = promisify(execFile);
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const profiles = {
  mobile: {
    title: 'mobile (simulated slow 4G, 4× CPU slowdown)',
    pages: keyPages as Record<string, string>,
    flags: [] as string[],
    categories,
  },
  '2G': {
    title: '2G (simulated 250 kbps, 300 ms RTT, 6× CPU slowdown)',
    pages: { home: keyPages.home, destination: keyPages.destination, form: keyPages.form } as Record<string, string>,
    flags: ['--throttling.rttMs=300', '--throttling.throughputKbps=250', '--throttling.cpuSlowdownMultiplier=6'],
    categories: ['performance'] as const,
  },
};
const wanted = process.env.LIGHTHOUSE_PROFILES?.split(',') ?? Object.keys(profiles);

const site = await serveSite('dist', {}, { gzipOnly: true });
try {
  for (const [profileName, profile] of Object.entries(profiles)) {
    if (!wanted.includes(profileName)) continue;
    const rows: string[][] = [];
    for (const [name, path] of Object.entries(profile.pages)) {
      const { stdout } = await run(
        'node_modules/.bin/lighthouse',
        [
          site.url.replace('127.0.0.1', 'localhost') + path,
          '--output=json',
          '--output-path=stdout',
          '--quiet',
          `--only-categories=${profile.categories.join(',')}`,
          ...profile.flags,
          '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
        ],
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(stdout) as {
        categories: Record<string, { score: number | null }>;
        audits: Record<string, { numericValue?: number; score: number | null; title: string }>;
      };
      const score = (c: string) => (report.categories[c] ? String(Math.round((report.categories[c]!.score ?? 0) * 100)) : '–');
      const metric = (id: string, unit: 'ms' | '') => {
        const v = report.audits[id]?.numericValue ?? NaN;
        return unit === 'ms' ? `${Math.round(v)} ms` : v.toFixed(3);
      };
      const first = (report.audits['network-requests'] as unknown as { details?: { items?: { transferSize?: number }[] } } | undefined)
        ?.details?.items?.[0]?.transferSize;
      rows.push([
        name,
        path,
        ...categories.map(score),
        metric('first-contentful-paint', 'ms'),
        metric('largest-contentful-paint', 'ms'),
        metric('total-blocking-time', 'ms'),
        metric('cumulative-layout-shift', ''),
        first ? `${first} B` : '–',
      ]);
      // What kept a score below 100, so the gap can be explained rather than guessed.
      const failing = Object.values(report.audits).filter(
        (a) =>
          a.score !== null &&
          a.score < 0.9 &&
          !/^(metrics|diagnostics|main-thread-tasks|screenshot-thumbnails|final-screenshot|network-requests)/.test(a.title),
      );
      if (failing.length)
        console.log(
          `${profileName} ${name}: below 0.9 — ${failing
            .map((a) => a.title)
            .slice(0, 6)
            .join('; ')}`,
        );
    }
    const head = ['page', 'path', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'page bytes'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(`\nLighthouse 12.2.3, ${profile.title}, Debian Chromium\n`);
    console.log(line(head));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    rows.forEach((r) => console.log(line(r)));
  }
} finally {
  await site.close();
}
