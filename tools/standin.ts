// npm run standin -- fail 503 | fail timeout | fail refuse | heal — tells the local Airtable stand-in
// (started by npm start) to fail until healed, to watch the outbox keep and then deliver registrations.
import { LOCAL_STANDIN, localSettings } from './airtable-standin/local';

const [action, what] = process.argv.slice(2);
const fault = what === 'timeout' || what === 'refuse' ? { kind: what } : { kind: 'status', status: Number(what ?? 503) };
const res = await fetch(`${localSettings().endpointUrl}/__standin/fault`, {
  method: action === 'heal' ? 'DELETE' : 'POST',
  headers: { Authorization: `Bearer ${LOCAL_STANDIN.token}` },
  body: action === 'heal' ? undefined : JSON.stringify(fault),
}).catch(() => undefined);
if (!res?.ok) {
  console.error('The stand-in does not answer: run npm start first (without AIRTABLE_TOKEN).');
  process.exit(1);
}
console.log(
  action === 'heal'
    ? 'Stand-in healthy again; the next delivery run (each minute) sends what waits.'
    : `Stand-in now fails every request: ${JSON.stringify(fault)}`,
);
