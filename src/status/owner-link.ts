import type { Context } from '@netlify/functions';

import type { AirtableClient } from '../delivery/airtable';
import { letterCode } from '../delivery/invitation';
import { referenceIssue } from '../delivery/references';
import { isReference } from '../registration/reference';
import { handlesRegistrations } from '../server/deploy-context';
import { receiptTokenValid } from '../server/keys';
import { ownerStatus, type StatusAnswer } from './check';
import { type InvitationView, letterStands } from './invitation';

// The owner's pages beyond the receipt — the invitation letter and its calendar file — open with the same
// reference and token as the receipt link, and read the invitation through the same cache and budget
// (ownerStatus). A reference without its token, an unknown or erased one, and any request on a preview
// are one answer ('unknown'), without reading any store for a wrong token.

export type OwnerInvitation =
  | { kind: 'unknown' }
  | { kind: 'busy'; reference: string; token: string }
  | { kind: 'none'; reference: string; token: string }
  | { kind: 'letter'; reference: string; token: string; view: Extract<InvitationView, { kind: 'invited' }>; code: string };

export async function ownerInvitation(
  url: URL,
  context: Pick<Context, 'deploy'> | undefined,
  airtable: AirtableClient | undefined,
): Promise<OwnerInvitation> {
  const reference = (url.searchParams.get('ref') ?? '').toUpperCase();
  const token = url.searchParams.get('t');
  if (!isReference(reference) || !receiptTokenValid(reference, token) || !handlesRegistrations(context)) return { kind: 'unknown' };
  const issue = await referenceIssue(reference).catch(() => undefined);
  if (issue === undefined) return { kind: 'busy', reference, token: token! };
  if (!issue.issued) return { kind: 'unknown' };
  const stage: StatusAnswer | undefined = await ownerStatus(reference, { airtable }).catch(() => undefined);
  if (!stage || stage.kind === 'busy') return { kind: 'busy', reference, token: token! };
  const view = stage.kind === 'stage' ? stage.invitation : undefined;
  if (!letterStands(view)) return { kind: 'none', reference, token: token! };
  return { kind: 'letter', reference, token: token!, view, code: letterCode(reference, view.invitation.fingerprint) };
}
