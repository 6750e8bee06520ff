/** A form post or JSON object as it arrived, before any checking. */
type RawInput = Record<string, unknown>;

const MAX_BODY_BYTES = 16 * 1024;

type Parsed =
  | { ok: true; json: boolean; raw: RawInput }
  /** `json`: the body claimed to be JSON, so the answer is JSON even when the body is broken. */
  | { ok: false; json: boolean; status: 400 | 413 | 415 };

/** Reads a form post or a JSON body within the size cap; never throws on malformed input. */
export async function parseBody(req: Request): Promise<Parsed> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const json = type === 'application/json';
  if (!json && type !== 'application/x-www-form-urlencoded') return { ok: false, json, status: 415 };
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, json, status: 413 };
  let bytes: ArrayBuffer;
  try {
    bytes = await req.arrayBuffer();
  } catch {
    return { ok: false, json, status: 400 };
  }
  if (bytes.byteLength > MAX_BODY_BYTES) return { ok: false, json, status: 413 };
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
