// npm run bench (second part) — Lighthouse 12 (mobile, its default throttling) against Debian's
// Chromium, on the built site served with its production headers. Prints scores and LCP/TBT/CLS.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CHROMIUM } from './browser';
import { serveSite } from './static-server';
import { keyPages } from './bench-pages';

const run = promisify(execFile);
const site = await serveSite('dist');
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const rows: string[][] = [];

try {
  for (const [name, path] of Object.entries(keyPages)) {
    const { stdout } = await run(
      'node_modules/.bin/lighthouse',
      [
        site.url.replace('127.0.0.1', 'localhost') + path,
        '--output=json',
        '--output-path=stdout',
        '--quiet',
        `--only-categories=${categories.join(',')}`,
        '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync',
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { numericValue?: number; score: number | null; title: string }>;
    };
    const score = (c: string) => String(Math.round((report.categories[c]?.score ?? 0) * 100));
    const metric = (id: string, unit: 'ms' | '') => {
      const v = report.audits[id]?.numericValue ?? NaN;
      return unit === 'ms' ? `${Math.round(v)} ms` : v.toFixed(3);
    };
    rows.push([name, path, ...categories.map(score), metric('largest-contentful-paint', 'ms'), metric('total-blocking-time', 'ms'), metric('cumulative-layout-shift', '')]);
    // What kept a score below 100, so the gap can be explained rather than guessed.
    const failing = Object.values(report.audits).filter((a) => a.score !== null && a.score < 0.9 && !/^(metrics|diagnostics|main-thread-tasks|screenshot-thumbnails|final-screenshot|network-requests)/.test(a.title));
    if (failing.length) console.log(`${name}: below 0.9 — ${failing.map((a) => a.title).slice(0, 6).join('; ')}`);
  }
} finally {
  await site.close();
}

const head = ['page', 'path', 'perf', 'a11y', 'best pr.', 'SEO', 'LCP', 'TBT', 'CLS'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log('\nLighthouse 12.2.3, mobile (simulated slow 4G, 4× CPU slowdown), Debian Chromium\n');
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
rows.forEach((r) => console.log(line(r)));
