import { spawn } from 'node:child_process';

import { startRegistrationEnv } from './registration-env';

// What the registration and status benches share: printing tables, and an environment with Blobs in
// its own process, as it is a separate service on Netlify.

export const print = (line: string) => process.stdout.write(`${line}\n`);

export function table(title: string, head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  print(`\n${title}\n`);
  print(line(head));
  print(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => print(line(r)));
}

/** A timing measured several times: min / median / max (one figure when all runs agree). */
export function spread(xs: number[], show: (v: number) => string = String): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const [min, median, max] = [sorted[0]!, sorted[Math.floor((sorted.length - 1) / 2)]!, sorted.at(-1)!].map(show);
  return min === max ? min! : `${min} / ${median} / ${max}`;
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/** The handler, the stand-in, the drain and the load share this process; Blobs runs in another. */
export async function withEnv<T>(run: (env: Awaited<ReturnType<typeof startRegistrationEnv>>) => Promise<T>): Promise<T> {
  const child = spawn('node_modules/.bin/tsx', ['tools/blobs-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const blobsPort = Number(await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d)))));
  const env = await startRegistrationEnv({ blobsPort });
  try {
    return await run(env);
  } finally {
    await env.close();
    child.kill();
  }
}
