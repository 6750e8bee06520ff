import type { APIRoute } from 'astro';
import { registrationOptions } from '../lib/registration/site-options';

// Read by the registration function (src/lib/registration/site.ts): the choices the form offered.
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await registrationOptions()), { headers: { 'Content-Type': 'application/json' } });
