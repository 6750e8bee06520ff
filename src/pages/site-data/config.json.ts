import type { APIRoute } from 'astro';

import { registrationConfig } from '../../registration/config-from-content';

// Built for src/site-data/integration.ts, which takes it into the functions' module and out of the site.
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await registrationConfig()), { headers: { 'Content-Type': 'application/json' } });
