import { parse as parseYaml } from 'yaml';

// How an entry file is read outside Astro (the content check, the translation fallback): YAML files
// whole, Markdown by its frontmatter. Errors are in Indonesian for the content check's report.

export type ParsedEntry = { data: Record<string, unknown>; body?: string } | { error: string };

const firstLine = (e: unknown) => (e as Error).message.split('\n')[0];

export function parseEntry(path: string, source: string): ParsedEntry {
  if (/\.ya?ml$/.test(path)) {
    try {
      return { data: (parseYaml(source) ?? {}) as Record<string, unknown> };
    } catch (e) {
      return { error: `YAML tidak bisa dibaca: ${firstLine(e)}` };
    }
  }
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return { error: 'bagian data di awal berkas (diapit ---) tidak ditemukan' };
  try {
    return { data: (parseYaml(match[1] ?? '') ?? {}) as Record<string, unknown>, body: match[2] ?? '' };
  } catch (e) {
    return { error: `data di awal berkas tidak bisa dibaca: ${firstLine(e)}` };
  }
}
