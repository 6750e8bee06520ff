import { randomInt } from 'node:crypto';

import { sectionPath } from '../content/paths';
import type { Locale } from '../i18n';

// Read aloud over the phone and copied by hand: no 0/O or 1/I to confuse. 32^6 ≈ 1.07 billion codes.
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^SRG-[2-9A-HJ-NP-Z]{6}$/;

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `SRG-${code}`;
}

export function isReference(value: unknown): value is string {
  return typeof value === 'string' && REFERENCE_PATTERN.test(value);
}

/**
 * The confirmation page for a reference and its token (src/server/keys.ts receiptToken): the owner's
 * link. Neither is personal data; no NIK, birth date or phone number ever stands in a URL.
 */
export function receiptLocation(lang: Locale, reference: string, token: string): string {
  return ownerLink(sectionPath(lang, 'registerThanks'), reference, token);
}

/** Another page of the owner's (the invitation letter, its calendar file): the same reference and token. */
export const ownerLink = (path: string, reference: string, token: string): string =>
  `${path}?ref=${encodeURIComponent(reference)}&t=${encodeURIComponent(token)}`;
