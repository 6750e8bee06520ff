import type { RawInput } from '../shared/raw-input';

export const MAX_BODY_BYTES = 16 * 1024;

type Parsed =
  | { ok: true; json: boolean; raw: RawInput }
  /** `json`: the body claimed to be JSON, so the answer is JSON even when the body is broken. */
  | { ok: false; json: boolean; status: 400 | 413 | 415 };

/**
 * The body as bytes, read as a stream and stopped as soon as it passes `cap`: a chunked body without a
 * Content-Length (or one that lies) is never read whole.
 */
export async function readCapped(req: Request, cap: number): Promise<Uint8Array | 'too-large' | 'broken'> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'broken';
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads a form post or a JSON body within the size cap; never throws on malformed input. */
export async function parseBody(req: Request): Promise<Parsed> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const json = type === 'application/json';
  if (!json && type !== 'application/x-www-form-urlencoded') return { ok: false, json, status: 415 };
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, json, status: 413 };
  const bytes = await readCapped(req, MAX_BODY_BYTES);
  if (bytes === 'too-large') return { ok: false, json, status: 413 };
  if (bytes === 'broken') return { ok: false, json, status: 400 };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, json, status: 400 };
  }
  if (json) {
    try {
      const data: unknown = JSON.parse(text);
      if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, json, status: 400 };
      return { ok: true, json, raw: data as RawInput };
    } catch {
      return { ok: false, json, status: 400 };
    }
  }
  const raw: RawInput = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const prev = raw[key];
    raw[key] = prev === undefined ? value : ([] as string[]).concat(prev as string | string[], value);
  }
  return { ok: true, json, raw };
}

/** A JSON answer is wanted for a JSON body, or when the client asks for it (the page script does). */
export function wantsJson(req: Request, jsonBody: boolean): boolean {
  return jsonBody || (req.headers.get('accept') ?? '').includes('application/json');
}
