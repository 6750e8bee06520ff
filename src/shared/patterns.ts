// Formats that content, the CMS form and the registration all check: one definition each.

/** A URL segment or file name: lowercase letters and digits, words joined by single dashes. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** An email address as people type it: something@domain.tld, no spaces. Deliberately loose (RFC 5322 is not a form rule). */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
