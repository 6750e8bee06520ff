import { sectionPath } from '../content/paths';
import { type Locale, t } from '../i18n';
import { esc } from '../shared/html';

// Wherever the site says staff may contact someone, it also says how to tell them from a broker: the
// function pages (receipt, status, self-check) and the Astro pages print this same block. "Call back on
// a number this site lists" only while the settings list one (RegistrationConfig.numberListed, from
// content/channels.ts): before that, the office in person, and the site says it lists no number yet.
export const officialCallerHtml = (lang: Locale, numberListed: boolean): string =>
  `<div class="notice caller"><p><strong>${esc(t(lang, 'caller.title'))}.</strong> ${esc(t(lang, 'caller.never'))} ` +
  `${esc(t(lang, numberListed ? 'caller.callBack' : 'caller.askOffice'))} ${esc(t(lang, 'caller.stage'))}</p>` +
  // A selection invitation carries its own proof: the letter's code, checked on the verification page
  // (a link, so left off paper, where it leads nowhere).
  `<p class="no-print">${esc(t(lang, 'caller.letter'))} <a href="${sectionPath(lang, 'verifyLetter')}">${esc(t(lang, 'guide.letterLink'))}</a></p></div>`;
