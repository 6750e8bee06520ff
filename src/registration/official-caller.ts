import { type Locale, t } from '../i18n';
import { esc } from '../shared/html';

// Wherever the site says staff may contact someone, it also says how to tell them from a broker: the
// function pages (receipt, status, self-check) and the Astro pages print this same block.
export const officialCallerHtml = (lang: Locale): string =>
  `<div class="notice caller"><p><strong>${esc(t(lang, 'caller.title'))}.</strong> ${esc(t(lang, 'caller.text'))}</p></div>`;
