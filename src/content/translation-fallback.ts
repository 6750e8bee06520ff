import { readFileSync } from 'node:fs';

import { parseEntry } from './entry-file';

// The CMS writes both language files of an entry as soon as one is saved, and leaves the English
// fields a staff member has not translated yet empty. Such an English entry is not an error: its
// untranslated fields fall back to the Indonesian ones (shown as they are), so a half-translated
// entry never stops the build. `npm run check:content` lists what still needs translating.

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The English file's data over the Indonesian file's, where the English one is blank. */
export function withFallback(own: Record<string, unknown>, fallback: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fallback) return own;
  const merged: Record<string, unknown> = { ...fallback };
  for (const [k, v] of Object.entries(own)) if (!blank(v)) merged[k] = v;
  return merged;
}

/** Keys that are blank in `own` but filled in `fallback`: what is left to translate. */
export function untranslated(own: Record<string, unknown>, fallback: Record<string, unknown> | undefined): string[] {
  if (!fallback) return [];
  return Object.keys(fallback).filter((k) => blank(own[k]) && !blank(fallback[k]));
}

/** content/<collection>/en/<key>.<ext> → content/<collection>/id/<key>.<ext>; undefined for other paths. */
export function defaultLocalePath(path: string): string | undefined {
  const swapped = path.replace(/([\\/])en([\\/])(?=[^\\/]+$)/, '$1id$2');
  return swapped === path ? undefined : swapped;
}

/** An entry file's data, or undefined when it is missing or unreadable (the content check reports that). */
export function readEntryData(path: string): Record<string, unknown> | undefined {
  try {
    const entry = parseEntry(path, readFileSync(path, 'utf8'));
    return 'data' in entry ? entry.data : undefined;
  } catch {
    return undefined;
  }
}
