import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// The outbox's personal data is sealed with AES-256-GCM before it reaches Blobs: a copy of the store
// (a leaked token, a misdirected export) shows references and times, never a name or a NIK.
//
// Keys come from OUTBOX_KEYS: "id:key,id:key,…" where each key is 32 random bytes in base64 and the
// first is the one new records are sealed with. Each sealed record names its key id, so a key can be
// rotated by putting a new one first and keeping the old one until every record sealed with it has
// been delivered (outbox:status shows none waiting).

export interface Sealed {
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

export interface OutboxKeys {
  current: string;
  keys: Map<string, Buffer>;
}

export class OutboxKeyError extends Error {
  constructor(readonly code: 'OUTBOX_KEY_MISSING' | 'OUTBOX_KEY_UNKNOWN' | 'OUTBOX_SEAL_BROKEN') {
    super(code);
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The keys from the environment, or undefined when none is set or one is malformed (nothing is sealed with a bad key). */
export function outboxKeysFromEnv(env: Record<string, string | undefined> = process.env): OutboxKeys | undefined {
  const entries = (env.OUTBOX_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) return undefined;
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const i = entry.indexOf(':');
    const id = entry.slice(0, i);
    const key = Buffer.from(entry.slice(i + 1), 'base64');
    if (i < 1 || !KEY_ID.test(id) || key.length !== 32 || keys.has(id)) return undefined;
    keys.set(id, key);
  }
  return { current: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
}

/** A new key entry for OUTBOX_KEYS. */
export function newOutboxKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** Seals a record's personal part; the reference is bound as associated data, so a sealed body moved to another record does not open. */
export function seal(fields: unknown, reference: string, keys: OutboxKeys): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.keys.get(keys.current)!, iv);
  cipher.setAAD(Buffer.from(reference));
  const data = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { keyId: keys.current, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function open<T>(sealed: Sealed, reference: string, keys: OutboxKeys): T {
  if (!sealed || typeof sealed !== 'object' || typeof sealed.data !== 'string') throw new OutboxKeyError('OUTBOX_SEAL_BROKEN');
  const key = keys.keys.get(sealed.keyId);
  if (!key) throw new OutboxKeyError('OUTBOX_KEY_UNKNOWN');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(reference));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')) as T;
  } catch {
    throw new OutboxKeyError('OUTBOX_SEAL_BROKEN');
  }
}
