// npm run share-card — draws public/share-card.png (1200×630, what WhatsApp and others show beside a
// shared link: og:image) and public/apple-touch-icon.png (180×180, a phone's home-screen icon) from the
// site's mark and name. Committed, not drawn at build: the fonts a build machine has may differ, and a
// preview must look the same everywhere. Run again when the name or the mark changes.
import { mkdir } from 'node:fs/promises';

import sharp from 'sharp';

import { t } from '../src/i18n';
import { BRAND_MARK_SVG } from '../src/shared/brand-mark';

const mark = (size: number) => BRAND_MARK_SVG.replace('<svg ', `<svg width="${size}" height="${size}" `);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// Large type on a plain blue field: a WhatsApp preview is a thumbnail a few centimetres wide.
const [first, ...rest] = t('id', 'site.name').split(' Kota ');
const card = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#0b4f8a"/>
  <rect x="0" y="560" width="1200" height="70" fill="#083a66"/>
  <g transform="translate(72,60)">${mark(120)}</g>
  <text x="80" y="270" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="84" fill="#fff">${esc(first ?? '')}</text>
  <text x="80" y="360" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="84" fill="#fff">${esc(rest.length ? `Kota ${rest.join(' Kota ')}` : '')}</text>
  <text x="80" y="430" font-family="DejaVu Sans, sans-serif" font-size="30" fill="#fff">${esc(t('id', 'site.tagline'))}</text>
  <text x="80" y="495" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="32" fill="#ffbf47">${esc(t('id', 'banner.free'))}</text>
  <text x="80" y="606" font-family="DejaVu Sans, sans-serif" font-size="30" fill="#fff">${esc(t('id', 'banner.official'))}</text>
</svg>`;

await mkdir('public', { recursive: true });
await sharp(Buffer.from(card)).png({ compressionLevel: 9, palette: true }).toFile('public/share-card.png');
await sharp(Buffer.from(mark(180)))
  .png({ compressionLevel: 9 })
  .toFile('public/apple-touch-icon.png');
console.log('public/share-card.png, public/apple-touch-icon.png');
