// GET /daftar/terima-kasih?ref=… and /en/register/thank-you?ref=… — the confirmation page, rendered on
// the server so the reference shows without JavaScript. Only a well-formed reference is ever echoed.
import type { Config } from '@netlify/functions';
import { t, type Locale } from '../../src/i18n';
import { sectionPath } from '../../src/lib/paths';
import { BLOCK_END, BLOCK_START, esc, renderReceipt } from '../../src/lib/registration/html';
import { isReference } from '../../src/lib/registration/reference';
import { page, receiptLocation } from '../../src/lib/registration/respond';
import { loadOptions } from '../../src/lib/registration/site';

export default async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  const lang: Locale = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const ref = (url.searchParams.get('ref') ?? '').toUpperCase();
  if (!isReference(ref)) {
    const block = `${BLOCK_START}<h1>${esc(t(lang, 'reg.thanks.title'))}</h1><p>${esc(t(lang, 'reg.thanks.invalid'))}</p><p><a href="${sectionPath(lang, 'register')}">${esc(t(lang, 'nav.register'))}</a></p>${BLOCK_END}`;
    return page(url.origin, lang, 404, block, t(lang, 'reg.thanks.title'));
  }
  // The reference matters most: if the site's settings cannot be read, the page still shows it.
  const nextSteps = await loadOptions(url.origin).then((o) => o.nextSteps[lang], () => undefined);
  const other: Locale = lang === 'id' ? 'en' : 'id';
  const switchTo = receiptLocation(other, ref);
  return page(url.origin, lang, 200, renderReceipt(lang, ref, nextSteps), `${ref} — ${t(lang, 'reg.thanks.title')}`, switchTo);
};

export const config: Config = {
  // Literal paths: Netlify reads this object without running the module (src/lib/paths.ts has the same).
  path: ['/daftar/terima-kasih', '/daftar/terima-kasih/', '/en/register/thank-you', '/en/register/thank-you/'],
  method: ['GET'],
};
