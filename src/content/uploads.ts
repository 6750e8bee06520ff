import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

// What staff may upload through the CMS (public/uploads): pictures for pages and PDF documents, each
// checked by its first bytes, not by its name — an HTML or SVG file renamed .png would otherwise be
// served from the official address. SVG is refused: it can carry script. Sizes are kept small because
// most readers are on slow mobile data.

const UPLOAD_LIMITS = {
  image: 1_000_000,
  pdf: 5_000_000,
} as const;

const KINDS: { ext: string[]; kind: keyof typeof UPLOAD_LIMITS; magic: (b: Buffer) => boolean }[] = [
  { ext: ['jpg', 'jpeg'], kind: 'image', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: ['png'], kind: 'image', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: ['gif'], kind: 'image', magic: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { ext: ['webp'], kind: 'image', magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { ext: ['pdf'], kind: 'pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

const mb = (n: number) => `${(n / 1_000_000).toLocaleString('id-ID')} MB`;

/** Problems with the files in an uploads folder, by file name (empty when the folder is missing). */
export async function uploadProblems(dir: string): Promise<{ file: string; message: string }[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const problems: { file: string; message: string }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path);
    if (!info.isFile() || name.split('/').pop() === '.gitkeep') continue;
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    const kind = KINDS.find((k) => k.ext.includes(ext));
    if (!kind) {
      problems.push({ file: path, message: 'jenis berkas tidak diizinkan: unggah gambar JPG, PNG, WebP atau GIF, atau dokumen PDF' });
      continue;
    }
    const head = (await readFile(path)).subarray(0, 16);
    if (!kind.magic(head)) problems.push({ file: path, message: `isi berkas bukan ${kind.kind === 'pdf' ? 'PDF' : 'gambar'} seperti namanya: simpan ulang berkas aslinya` });
    else if (info.size > UPLOAD_LIMITS[kind.kind]) problems.push({ file: path, message: `berkas terlalu besar (${mb(info.size)}); paling besar ${mb(UPLOAD_LIMITS[kind.kind])}. Perkecil dulu sebelum diunggah` });
  }
  return problems;
}
