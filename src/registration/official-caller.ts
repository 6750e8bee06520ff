import { sectionPath } from '../content/paths';
import { type Locale, t } from '../i18n';
import { esc } from '../shared/html';

// Wherever the site says staff may contact someone, it also says how to tell them from a broker: the
// function pages (receipt, status, self-check) and the Astro pages print this same block.
export const officialCallerHtml = (lang: Locale): string =>
  `<div class="notice caller"><p><strong>${esc(t(lang, 'caller.title'))}.</strong> ${esc(t(lang, 'caller.text'))}</p>` +
  // A selection invitation carries its own proof: the letter's code, checked on the verification page.
  `<p>${esc(t(lang, 'caller.letter'))} <a href="${sectionPath(lang, 'verifyLetter')}">${esc(t(lang, 'guide.letterLink'))}</a></p></div>`;
