import { randomInt } from 'node:crypto';

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
