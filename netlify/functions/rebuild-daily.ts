// Scheduled daily, five minutes after midnight in Kota Serang (17:05 UTC): asks Netlify to rebuild the
// site through a build hook, so a vacancy whose SIP ended yesterday disappears without anyone acting
// (vacancies are filtered by date at build time, see src/content/vacancies.ts).
import type { Config } from '@netlify/functions';

import { logEvent } from '../../src/server/log';

export async function triggerRebuild(hookUrl: string | undefined): Promise<'not_configured' | 'triggered' | 'failed'> {
  if (!hookUrl) return 'not_configured';
  try {
    const res = await fetch(hookUrl, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok ? 'triggered' : 'failed';
  } catch {
    return 'failed';
  }
}

export default async (): Promise<Response> => {
  // The hook URL is a secret (anyone with it can trigger builds): it is read here, never logged.
  const outcome = await triggerRebuild(process.env.BUILD_HOOK_URL);
  logEvent(`rebuild.${outcome}`);
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: '5 17 * * *' };
