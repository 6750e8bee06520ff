// npm run check:content — runs first in the Netlify build and in npm test.
import { checkContent, formatProblem } from '../src/content/check';

const report = await checkContent(process.argv[2] ?? 'content');
for (const note of report.notes) console.log(`Catatan: ${formatProblem(note)}`);
if (report.problems.length) {
  console.error(`Ada ${report.problems.length} masalah di konten. Perbaiki lalu simpan lagi:`);
  for (const p of report.problems) console.error(`- ${formatProblem(p)}`);
  process.exit(1);
}
console.log(`Konten baik: ${report.files} berkas diperiksa.`);
