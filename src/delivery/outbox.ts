import { randomUUID } from 'node:crypto';
import { getStore } from '@netlify/blobs';
import type { AirtableFields } from './airtable';
import { newReference } from '../registration/reference';

// Durable first: an accepted registration is written here (strong consistency) before the person is
// answered, and removed only after Airtable confirmed it. It holds only what Airtable will hold.

export interface OutboxItem {
  reference: string;
  fields: AirtableFields;
  createdAt: string;
  attempts: number;
  /** Error type and status from the last failed delivery; never record content. */
  lastError?: string;
  /** After a failure, not tried again before this time (ISO): a bounded backoff. */
  notBefore?: string;
}

/**
 * 1, 2, 4 … minutes after each failure, at most an hour: a record Airtable refuses for its content
 * must not spend an API call every minute (monthly caps) while staff fix the base.
 */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export const isDue = (item: OutboxItem, now = Date.now()) => !item.notBefore || Date.parse(item.notBefore) <= now;

const outbox = () => getStore({ name: 'registration-outbox', consistency: 'strong' });
const submissions = () => getStore({ name: 'registration-submissions', consistency: 'strong' });
const leases = () => getStore({ name: 'registration-leases', consistency: 'strong' });
const state = () => getStore({ name: 'registration-delivery', consistency: 'strong' });

export async function putOutbox(item: OutboxItem): Promise<void> {
  await outbox().setJSON(item.reference, item);
}

const references = () => getStore({ name: 'registration-references', consistency: 'strong' });

/**
 * Reserves a reference for good (a create-only write; the entry holds nothing but the key), so a
 * reference is never given twice — not even after the first one was delivered and left the outbox,
 * where the delivery's lookup would otherwise mistake the newcomer for an earlier record.
 */
async function reserveReference(reference: string): Promise<boolean> {
  return (await references().set(reference, '', { onlyIfNew: true })).modified;
}

export async function removeOutbox(reference: string): Promise<void> {
  await outbox().delete(reference);
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const store = outbox();
  const { blobs } = await store.list();
  const items = await Promise.all(blobs.map((b) => store.get(b.key, { type: 'json' }) as Promise<OutboxItem | null>));
  return items.filter((i): i is OutboxItem => i !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

const IDEMPOTENCY_MS = 24 * 3600_000;
export const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The reference already given for this submission id within the last 24 hours, if any. */
export async function referenceForSubmission(submissionId: string, now = Date.now()): Promise<string | undefined> {
  const seen = (await submissions().get(submissionId.toLowerCase(), { type: 'json' })) as { reference: string; at: number } | null;
  return seen && now - seen.at < IDEMPOTENCY_MS ? seen.reference : undefined;
}

async function rememberSubmission(submissionId: string, reference: string, now = Date.now()): Promise<void> {
  await submissions().setJSON(submissionId.toLowerCase(), { reference, at: now });
}

/**
 * Claims the right to deliver one registration for `ttlMs`, so two deliverers (the request path and the
 * scheduled run, or two overlapping runs) never send the same record at once. Uses Blobs' conditional
 * writes: create-if-new, or take over an expired lease only if nobody else changed it meanwhile.
 */
export async function claim(reference: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const store = leases();
  const owner = randomUUID();
  // The expiry lives in the metadata so one getMetadata call returns it together with the owner.
  const write = (options: { onlyIfNew: true } | { onlyIfMatch: string }) =>
    store.set(reference, '', { metadata: { until: now + ttlMs, owner }, ...options });
  let won = (await write({ onlyIfNew: true })).modified;
  if (!won) {
    // ETag first (from list: the local Blobs server sends none on reads), then the expiry: if the
    // lease changes in between, the conditional write below fails, as it should.
    const etag = (await store.list({ prefix: reference })).blobs.find((b) => b.key === reference)?.etag;
    const current = await store.getMetadata(reference);
    if (!current || !etag) won = (await write({ onlyIfNew: true })).modified;
    else if (Number(current.metadata.until) <= now) won = (await write({ onlyIfMatch: etag })).modified;
  }
  if (!won) return false;
  // Read back after a moment: a store whose conditional writes are not atomic (the local Blobs server
  // checks, then writes) lets two claimants both "win"; only the one whose owner id stayed proceeds.
  await new Promise((r) => setTimeout(r, 25));
  return (await store.getMetadata(reference))?.metadata.owner === owner;
}

export async function release(reference: string): Promise<void> {
  await leases().delete(reference);
}

/** After a 429 Airtable refuses every request for 30 s; deliverers wait that out instead of extending it. */
export async function penaltyUntil(): Promise<number> {
  const v = (await state().get('penalty', { type: 'json' })) as { until: number } | null;
  return v?.until ?? 0;
}

export async function setPenalty(until: number): Promise<void> {
  await state().setJSON('penalty', { until });
}

/** Durable first: a fresh reference, the record in the outbox, the submission id remembered. */
export async function acceptRegistration(
  fieldsFor: (reference: string, at: Date) => AirtableFields,
  submissionId?: string,
): Promise<OutboxItem> {
  let reference = newReference();
  while (!(await reserveReference(reference))) reference = newReference();
  const at = new Date();
  const item: OutboxItem = { reference, fields: fieldsFor(reference, at), createdAt: at.toISOString(), attempts: 0 };
  await putOutbox(item);
  if (submissionId) await rememberSubmission(submissionId, reference);
  return item;
}
