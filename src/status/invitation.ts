import type { FingerprintedInvitation } from '../delivery/invitation';
import type { CachedStatus } from '../delivery/status-cache';

// What the person is told about the selection invitation, from what the status read cached: invited
// (and whether it changed since an earlier one), called off, or withdrawn (staff emptied it). An
// invitation is shown until 30 days after its day, the time its letter verifies; so is a withdrawn one's notice.

const LETTER_VALID_DAYS = 30;
const DAY = 86_400_000;

export type InvitationView =
  /** `changedAt`: when the read saw it replace an earlier invitation (epoch ms), if it did. */
  | { kind: 'invited'; invitation: FingerprintedInvitation; changedAt?: number; initials?: string }
  | { kind: 'cancelled'; invitation: FingerprintedInvitation }
  | { kind: 'withdrawn'; previousAt: string };

/** The last moment a letter for an invitation at `at` verifies. */
export const letterUntil = (at: string): number => Date.parse(at) + LETTER_VALID_DAYS * DAY;

/** The invitation part of a stage answer, spread into it: `{ invitation }` or nothing. */
export function invitationView(cached: CachedStatus | undefined, now: number): { invitation?: InvitationView } {
  const inv = cached?.invitation;
  if (inv && now <= letterUntil(inv.at)) {
    if (inv.cancelled) return { invitation: { kind: 'cancelled', invitation: inv } };
    const extra = {
      ...(cached.previous ? { changedAt: cached.previous.seen } : {}),
      ...(cached.initials ? { initials: cached.initials } : {}),
    };
    return { invitation: { kind: 'invited', invitation: inv, ...extra } };
  }
  const previous = cached?.previous;
  if (!inv && previous && now <= letterUntil(previous.at)) return { invitation: { kind: 'withdrawn', previousAt: previous.at } };
  return {};
}

/** Whether an invitation's letter may be printed and verified now: invited, not called off, its day not 30 days past. */
export const letterStands = (view: InvitationView | undefined): view is Extract<InvitationView, { kind: 'invited' }> =>
  view?.kind === 'invited';
