import { BACKGROUND_LEASE, claim, leaseHeld, release } from './leases';

// The background drain (netlify/functions/deliver-registrations-background.ts) runs up to 15 minutes,
// one at a time: a lease held for its whole run. The scheduled run starts it when a backlog is larger
// than its own 30 seconds can deliver.

const BACKGROUND_PATH = '/.netlify/functions/deliver-registrations-background';
/** A background function may run 15 minutes; the drain stops a minute before. */
export const BACKGROUND_BUDGET_MS = 14 * 60_000;

export const claimBackgroundDrain = () => claim(BACKGROUND_LEASE, BACKGROUND_BUDGET_MS + 60_000);
export const releaseBackgroundDrain = () => release(BACKGROUND_LEASE);
/** While the background drain runs, the scheduled run stands aside: one deliverer at a time. */
export const backgroundDrainRunning = () => leaseHeld(BACKGROUND_LEASE);

/** Starts the background drain on the deployed site (`URL`, set by Netlify); it answers 202 at once. */
export async function startBackgroundDrain(siteUrl: string | undefined): Promise<'started' | 'not_configured' | 'failed'> {
  if (!siteUrl) return 'not_configured';
  try {
    const res = await fetch(new URL(BACKGROUND_PATH, siteUrl), { method: 'POST', signal: AbortSignal.timeout(10_000) });
    return res.status === 202 || res.ok ? 'started' : 'failed';
  } catch {
    return 'failed';
  }
}
