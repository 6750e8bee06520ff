import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// One secret (NIK_INDEX_KEY), five keys derived from it with HKDF (RFC 5869), one per purpose, so a
// hash made for one purpose says nothing about another: the NIK index, the birth date the status check
// compares, the hashed client address of the limits, the receipt link's token, and the selection
// invitation letter's code (src/delivery/invitation.ts). There is no
// fallback: without the secret the functions that need a key answer 503 and log which key is missing.

export const KEY_PURPOSES = ['nik-index', 'birth-date', 'client', 'receipt-token', 'letter-code'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export class MissingKeyError extends Error {
  constructor(readonly purpose: KeyPurpose) {
    super(`key_missing:${purpose}`);
  }
}

/** The derived key, or undefined when the secret is not set (or too short to be one). */
export function derivedKey(purpose: KeyPurpose, env: Record<string, string | undefined> = process.env): Buffer | undefined {
  const secret = env.NIK_INDEX_KEY ?? '';
  if (secret.length < 16) return undefined;
  return Buffer.from(hkdfSync('sha256', secret, 'kerja-luar-negeri-serang', purpose, 32));
}

/** HMAC-SHA-256 of `value` under the purpose's key, base64url; throws MissingKeyError without the secret. */
export function keyedHash(purpose: KeyPurpose, value: string): string {
  const key = derivedKey(purpose);
  if (!key) throw new MissingKeyError(purpose);
  return createHmac('sha256', key).update(value).digest('base64url');
}

/**
 * The receipt link's token: 22 base64url characters (132 bits) of an HMAC of the reference under its
 * own key. Whoever holds the link sees the registration's stage; a reference alone shows nothing.
 */
export const receiptToken = (reference: string): string => keyedHash('receipt-token', reference).slice(0, 22);

/** Whether `token` is the reference's (compared in constant time); false without the key. */
export function receiptTokenValid(reference: string, token: string | null): boolean {
  if (!token || token.length !== 22 || !derivedKey('receipt-token')) return false;
  return timingSafeEqual(Buffer.from(receiptToken(reference)), Buffer.from(token));
}
