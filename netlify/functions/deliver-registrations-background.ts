// POST /.netlify/functions/deliver-registrations-background — started by the scheduled run when a
// backlog is larger than its 25 s: drains for up to 14 minutes, one such run at a time. Anyone may
// start it; a second start while one runs returns at once, and an empty outbox costs no Airtable call.
// On a Deploy Preview or branch deploy it does nothing: those never touch production's registrations.
import type { Context } from '@netlify/functions';

import { airtableClientFromEnv } from '../../src/delivery/airtable';
import { BACKGROUND_BUDGET_MS, claimBackgroundDrain, releaseBackgroundDrain } from '../../src/delivery/background';
import { drainOutbox } from '../../src/delivery/drain';
import { logDrain } from '../../src/delivery/drain-log';
import { handlesRegistrations } from '../../src/server/deploy-context';
import { logEvent } from '../../src/server/log';

export default async (_req?: Request, context?: Context): Promise<void> => {
  if (!handlesRegistrations(context)) {
    logEvent('delivery.preview_refused', { context: String(context?.deploy?.context) });
    return;
  }
  const airtable = airtableClientFromEnv();
  if (!airtable || !(await claimBackgroundDrain())) return;
  try {
    await logDrain('delivery.background_run', await drainOutbox(airtable, { budgetMs: BACKGROUND_BUDGET_MS }));
  } finally {
    await releaseBackgroundDrain();
  }
};
