// npm run bench (first part) — build time (BENCH_RUNS builds, default 5: min / median / max), and bytes
// (gzip) by kind for the key pages of the built site (bytes are the same every run).
// Importing keyPages from here (bench-lighthouse.ts) does not rerun it: the work only runs as a script.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { parse } from 'node-html-parser';

import { spread } from './bench-support';
import { fileForPath } from './dist';

export const keyPages = {
  home: '/',
  destination: '/tujuan/jepang/',
  form: '/daftar/',
  'form (en)': '/en/register/',
  vacancies: '/lowongan/',
  faq: '/tanya-jawab/',
  'self-check': '/cek-kelayakan/',
  'home (en)': '/en/',
};

/** How many times a bench measures what varies from run to run (BENCH_RUNS, default 5). */
export function benchRuns(): number {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number from 1, not ${process.env.BENCH_RUNS}`);
  return runs;
}

if (process.argv[1]?.endsWith('bench-pages.ts')) await main();

async function main() {
  const buildSeconds: number[] = [];
  for (let i = 0; i < benchRuns(); i++) {
    const t0 = performance.now();
    execFileSync('node_modules/.bin/astro', ['build', '--silent'], {
      stdio: 'inherit',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    buildSeconds.push((performance.now() - t0) / 1000);
  }

  const pages = keyPages;
  const kinds = ['html', 'css', 'js', 'fonts', 'images'] as const;
  const kindOf = (ref: string): (typeof kinds)[number] | undefined =>
    /\.css$/.test(ref)
      ? 'css'
      : /\.m?js$/.test(ref)
        ? 'js'
        : /\.(woff2?|ttf|otf)$/.test(ref)
          ? 'fonts'
          : /\.(png|jpe?g|webp|avif|gif|svg)$/.test(ref)
            ? 'images'
            : undefined;

  const rows: string[][] = [];
  for (const [name, path] of Object.entries(pages)) {
    const html = await readFile(fileForPath(path));
    const bytes: Record<string, number> = { html: gzipSync(html).length, css: 0, js: 0, fonts: 0, images: 0 };
    const doc = parse(html.toString());
    const refs = new Set(
      doc
        .querySelectorAll('link[rel=stylesheet], script[src], img[src], link[rel=icon]')
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
    );
    // Own scripts arrive after the first paint through an inline loader's import() (src/server/own-scripts.ts).
    for (const m of html.toString().matchAll(/import\("(\/_own\/[^"]+)"\)/g)) refs.add(m[1]!);
    for (const ref of refs) {
      const kind = kindOf(ref);
      if (kind && ref.startsWith('/')) bytes[kind] = (bytes[kind] ?? 0) + gzipSync(await readFile(fileForPath(ref))).length;
    }
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    rows.push([name, path, ...kinds.map((k) => String(bytes[k])), String(total)]);
  }

  const head = ['page', 'path', ...kinds.map((k) => `${k} B`), 'total B gzip'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nSite build (${buildSeconds.length} runs, min / median / max): ${spread(buildSeconds, (s) => s.toFixed(1))} s\n`);
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));
}
