// npm run check:launch [-- --laporan] — what must exist before going live (tools/launch-check.ts).
// Exits 1 when something is missing; with --laporan (report only, as CI runs it) always 0.
import { formatLaunch, launchItems, readSettings, registerItems } from './launch-check';

const items = [...launchItems(await readSettings(), process.env), ...(await registerItems())];
console.log(formatLaunch(items));
if (items.some((i) => !i.ok) && !process.argv.includes('--laporan')) process.exit(1);
