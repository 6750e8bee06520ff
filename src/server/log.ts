/** One line per event, with a reference at most: never a name, NIK, birth date or phone number. */
export function logEvent(event: string, detail: Record<string, string | number> = {}): void {
  console.log(JSON.stringify({ event, ...detail }));
}
