import type { Context } from '@netlify/functions';

import type { Locale } from '../i18n';
import type { RegistrationConfig } from '../registration/config';
import { choiceLabels } from '../registration/fields';
import { HONEYPOT } from '../registration/form-html';
import { newReference } from '../registration/reference';
import type { RegisterOutcome } from '../registration/register-answer';
import { registrationState } from '../registration/registration-state';
import { validateRegistration } from '../registration/validate';
import { handlesRegistrations, isLiveProduction } from '../server/deploy-context';
import { decoyReceiptToken, derivedKey } from '../server/keys';
import { logEvent } from '../server/log';
import type { RawInput } from '../shared/raw-input';
import { todayInSerang } from '../shared/serang-time';
import { type Admission, admitRegistration } from './accept';
import { countHoneypotHit } from './honeypot-count';
import { nikHash } from './nik-index';
import { outboxKeysFromEnv } from './outbox-crypto';
import { SUBMISSION_ID } from './submissions';

// A registration post, decided in order: which deploy received it, the honeypot, whether registration
// is open (in production, first whether the notice names who is responsible), the answers, the keys, and
// then the outbox (accept.ts). Airtable is not called here: the delivery runs send what waits
// (drain.ts), so a burst never reaches the base. What the person is told is register-answer.ts's.

export async function decideRegistration(
  raw: RawInput,
  lang: Locale,
  config: RegistrationConfig,
  context: Context | undefined,
  ip: string,
): Promise<RegisterOutcome> {
  // A Deploy Preview or branch deploy shares the production stores: it accepts nothing.
  if (!handlesRegistrations(context)) {
    logEvent('register.preview_refused', { context: String(context?.deploy?.context) });
    return { kind: 'preview' };
  }
  // A filled honeypot is answered exactly like a success, with a reference that was never stored and
  // a token of the same form that opens nothing.
  if (typeof raw[HONEYPOT] === 'string' && raw[HONEYPOT].trim() !== '') {
    logEvent('register.honeypot');
    await countHoneypotHit().catch(() => undefined);
    return derivedKey('receipt-token')
      ? { kind: 'received', reference: newReference(), token: decoyReceiptToken() }
      : { kind: 'unavailable' };
  }
  // No NIK before the notice names who is responsible: production stays shut until it does. The pages
  // decide with the same function (registration-state.ts), so the form and every call to register agree.
  const state = registrationState(config, isLiveProduction(context));
  if (state === 'soon') {
    logEvent('register.gate_closed', { gaps: config.gate.join(',') });
    return { kind: 'opens-soon' };
  }
  if (state === 'closed') return { kind: 'closed' };
  const result = validateRegistration(raw, config, todayInSerang());
  if (!result.ok) return { kind: 'invalid', errors: result.errors, ...(result.ineligible ? { ineligible: result.ineligible } : {}) };
  // The keys (src/server/keys.ts) and the outbox seal: without them nothing is accepted rather than
  // indexed in a guessable way or stored in clear.
  const missing = !derivedKey('nik-index') ? 'register.nik_index_key_missing' : !outboxKeysFromEnv() ? 'register.outbox_key_missing' : '';
  if (missing) {
    logEvent(missing);
    return { kind: 'unavailable' };
  }
  const submissionId = typeof raw.submissionId === 'string' && SUBMISSION_ID.test(raw.submissionId) ? raw.submissionId : undefined;
  let admission: Admission;
  try {
    admission = await admitRegistration(
      { values: result.value, labels: choiceLabels(result.value, config), lang, consentVersion: config.consent.version },
      {
        ...(submissionId ? { submissionId } : {}),
        nikHash: nikHash(result.value.nik),
        ...(config.dailyLimit ? { dailyLimit: config.dailyLimit } : {}),
        // Per-client shares only where clients are people's addresses (under npm start every request is this machine's).
        ...(isLiveProduction(context) ? { ip } : {}),
      },
    );
  } catch {
    // Not stored means not accepted: the person is told to try again rather than shown a reference.
    logEvent('register.store_failed');
    return { kind: 'unavailable' };
  }
  switch (admission.kind) {
    case 'accepted':
    case 'earlier': {
      const reference = admission.kind === 'accepted' ? admission.item.reference : admission.reference;
      logEvent(admission.kind === 'accepted' ? 'register.accepted' : 'register.repeat', { reference });
      return { kind: 'received', reference };
    }
    case 'nik-limit':
      logEvent('register.nik_limit');
      return { kind: 'invalid', errors: { nik: 'reg.error.nik.limit' } };
    case 'client-limit':
      logEvent('register.client_limit');
      return { kind: 'client-limit' };
    case 'full':
      // One alert line a day, for whoever watches the logs: the ceiling may need raising in the CMS.
      if (admission.alert) logEvent('register.daily_ceiling_reached', { dailyLimit: config.dailyLimit ?? 0 });
      return { kind: 'full' };
    case 'pending':
      return { kind: 'unavailable' };
  }
}
