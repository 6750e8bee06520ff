// POST /api/register — validate, store durably, try Airtable briefly, answer. Contract: issue #3, README.
import type { Config } from '@netlify/functions';
import { isLocale, t, type Locale } from '../../src/i18n';
import { sectionPath } from '../../src/lib/paths';
import { airtableSettingsFromEnv, toAirtableFields } from '../../src/lib/registration/airtable';
import { deliverItems } from '../../src/lib/registration/deliver';
import { renderClosed, renderForm, renderIneligible } from '../../src/lib/registration/html';
import { acceptRegistration, penaltyUntil, referenceForSubmission, SUBMISSION_ID, type OutboxItem } from '../../src/lib/registration/outbox';
import { newReference } from '../../src/lib/registration/reference';
import { parseBody, wantsJson } from '../../src/lib/registration/request';
import { json, logEvent, page, plain, receiptLocation, seeOther } from '../../src/lib/registration/respond';
import { loadOptions } from '../../src/lib/registration/site';
import { todayInSerang, validateRegistration } from '../../src/lib/registration/validate';

const statusKeys = { 400: 'reg.error.body', 413: 'reg.error.tooLarge', 415: 'reg.error.mediaType' } as const;

export default async (req: Request): Promise<Response> => {
  const origin = new URL(req.url).origin;
  const queryLang = new URL(req.url).searchParams.get('lang');
  let lang: Locale = isLocale(queryLang) ? queryLang : 'id';
  if (req.method !== 'POST') return plain(405, lang, 'reg.error.method', { Allow: 'POST' });

  const parsed = await parseBody(req);
  if (!parsed.ok) {
    const message = t(lang, statusKeys[parsed.status]);
    return wantsJson(req, parsed.json) ? json(parsed.status, { error: message }) : plain(parsed.status, lang, statusKeys[parsed.status]);
  }
  const { raw } = parsed;
  if (isLocale(raw.lang)) lang = raw.lang;
  const asJson = wantsJson(req, parsed.json);

  let options;
  try {
    options = await loadOptions(origin);
  } catch {
    logEvent('register.config_unavailable');
    return asJson ? json(503, { error: t(lang, 'reg.error.unavailable') }) : plain(503, lang, 'reg.error.unavailable');
  }

  // A filled honeypot is answered exactly like a success, with a reference that was never stored.
  if (typeof raw.website === 'string' && raw.website.trim() !== '') {
    logEvent('register.honeypot');
    const reference = newReference();
    return asJson ? json(201, { reference, status: 'received' }) : seeOther(receiptLocation(lang, reference));
  }

  if (!options.open) {
    return asJson
      ? json(403, { error: options.closedMessage[lang] })
      : page(origin, lang, 403, renderClosed(lang, options), t(lang, 'reg.closed.title'));
  }

  const result = validateRegistration(raw, options, todayInSerang());
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, key ? t(lang, key) : '']));
    if (asJson) return json(422, { errors, ...(result.ineligible ? { ineligible: result.ineligible } : {}) });
    const block = result.ineligible
      ? renderIneligible(lang, result.ineligible, sectionPath(lang, 'register'), options)
      : renderForm({ lang, options, values: raw, errors: result.errors, privacyHref: options.privacyPath[lang], action: '/api/register' });
    const title = result.ineligible ? t(lang, 'reg.ineligible.title') : t(lang, 'reg.errorPrefix') + t(lang, 'reg.title');
    return page(origin, lang, 422, block, title);
  }

  const submissionId = typeof raw.submissionId === 'string' && SUBMISSION_ID.test(raw.submissionId) ? raw.submissionId : undefined;
  const earlier = submissionId ? await referenceForSubmission(submissionId).catch(() => undefined) : undefined;
  if (earlier) {
    logEvent('register.repeat', { reference: earlier });
    return asJson ? json(201, { reference: earlier, status: 'received' }) : seeOther(receiptLocation(lang, earlier));
  }

  let item: OutboxItem;
  try {
    item = await acceptRegistration((reference, at) => toAirtableFields(reference, result.value, options, at), submissionId);
  } catch {
    // Not stored means not accepted: the person is told to try again rather than shown a reference.
    logEvent('register.store_failed');
    return asJson ? json(503, { error: t(lang, 'reg.error.unavailable') }) : plain(503, lang, 'reg.error.unavailable');
  }
  const { reference } = item;
  logEvent('register.accepted', { reference });

  // One quick try, at most ~3 s (two calls of 1.4 s); whatever fails stays in the outbox for the
  // scheduled delivery. During Airtable's 429 penalty it does not try: that would only extend it.
  const settings = airtableSettingsFromEnv();
  if (!settings) logEvent('register.airtable_not_configured', { reference });
  else if ((await penaltyUntil().catch(() => 0)) <= Date.now()) {
    const outcome = await deliverItems(settings, [item], { timeoutMs: 1400, leaseMs: 15_000 }).catch(() => undefined);
    if (!outcome?.delivered.length) logEvent('register.delivery_deferred', { reference, error: outcome?.failed[0]?.error ?? 'skipped' });
  }

  return asJson ? json(201, { reference, status: 'received' }) : seeOther(receiptLocation(lang, reference));
};

export const config: Config = {
  path: '/api/register',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
