// npm run audit — what ships: the functions' runtime dependencies, and what the browser downloads from
// this site (Decap CMS and the Identity widget at /admin, Pagefind's UI on the search pages; they are
// devDependencies only because the build copies them). Fails on a high or critical advisory in either.
// When the registry's advisory endpoint cannot be reached (this network answers 405), it says so and
// exits 0: an unreachable service is not a finding, and CI must not pretend it checked.
import { spawnSync } from 'node:child_process';

/** Shipped to browsers from node_modules by the build (src/cms/integration.ts, src/content/search-index.ts). */
export const BROWSER_SHIPPED = ['decap-cms', 'netlify-identity-widget', 'pagefind'];

interface Tree {
  dependencies?: Record<string, Tree>;
}
const names = (tree: Tree, into = new Set<string>()): Set<string> => {
  for (const [name, sub] of Object.entries(tree.dependencies ?? {})) {
    if (into.has(name)) continue;
    into.add(name);
    names(sub, into);
  }
  return into;
};
const json = (args: string[]) => {
  try {
    return JSON.parse(spawnSync('npm', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

const runtime = names((json(['ls', '--all', '--json', '--omit=dev']) ?? {}) as Tree);
const browser = names((json(['ls', ...BROWSER_SHIPPED, '--all', '--json']) ?? {}) as Tree);
const shipped = new Set([...runtime, ...browser]);

const report = json(['audit', '--json']) as
  | {
      statusCode?: number;
      message?: string;
      metadata?: { vulnerabilities?: Record<string, number> };
      vulnerabilities?: Record<string, { severity: string }>;
    }
  | undefined;
if (!report) {
  console.warn('npm audit: no readable answer; advisories NOT checked');
  process.exit(0);
}
if (!report.metadata) {
  console.warn(`npm audit: advisory service unavailable (${report.statusCode ?? '?'} ${report.message ?? ''}); advisories NOT checked`);
  process.exit(0);
}
const found = Object.entries(report.vulnerabilities ?? {}).filter(([name]) => shipped.has(name));
const bySeverity: Record<string, string[]> = {};
for (const [name, v] of found) (bySeverity[v.severity] ??= []).push(name);
console.log(
  `npm audit (shipped: ${runtime.size} runtime and ${browser.size} browser packages, ${BROWSER_SHIPPED.join(', ')} included): ${JSON.stringify(bySeverity)}`,
);
if ((bySeverity.high?.length ?? 0) + (bySeverity.critical?.length ?? 0) > 0) process.exit(1);
