// Indonesian mobile numbers: 08 + operator digit (1–3, 5–9) + 7–10 digits, 10–13 digits with the 0.
// People write them as 08…, 628…, +62 8…, with spaces, dashes, dots or brackets. We store E.164 (+628…).

export function normalizeMobile(input: string): string | undefined {
  const compact = input.trim().replace(/[\s\-.()]/g, '');
  const national = /^\+?62(8\d+)$/.exec(compact)?.[1] ?? /^0(8\d+)$/.exec(compact)?.[1];
  if (!national || !/^8[1-35-9]\d{7,10}$/.test(national)) return undefined;
  return `+62${national}`;
}
