// POST /api/register — validate, store durably in the outbox, answer. Airtable is not called here: the
// delivery runs send what waits (src/delivery/drain.ts), so a burst never reaches Airtable. Contract: README.
import type { Config, Context } from '@netlify/functions';

import { sectionPath } from '../../src/content/paths';
import { type Admission, admitRegistration } from '../../src/delivery/accept';
import { countHoneypotHit } from '../../src/delivery/honeypot-count';
import { nikHash } from '../../src/delivery/nik-index';
import { outboxKeysFromEnv } from '../../src/delivery/outbox-crypto';
import { SUBMISSION_ID } from '../../src/delivery/submissions';
import { isLocale, localeOr, otherLocale, t } from '../../src/i18n';
import { choiceLabels } from '../../src/registration/fields';
import { HONEYPOT, renderClosed, renderForm, renderIneligible, renderOpensSoon } from '../../src/registration/form-html';
import { newReference, receiptLocation } from '../../src/registration/reference';
import { registrationState } from '../../src/registration/registration-state';
import { validateRegistration } from '../../src/registration/validate';
import { crossSite } from '../../src/server/cross-site';
import { crossSiteAnswer } from '../../src/server/cross-site-answer';
import { handlesRegistrations, isLiveProduction } from '../../src/server/deploy-context';
import { decoyReceiptToken, derivedKey, receiptToken } from '../../src/server/keys';
import { logEvent } from '../../src/server/log';
import { parseBody, wantsJson } from '../../src/server/request-body';
import { json, page, plain, seeOther } from '../../src/server/respond';
import { esc } from '../../src/shared/html';
import { todayInSerang } from '../../src/shared/serang-time';
import { builtSiteData } from '../../src/site-data';
import type { SiteData } from '../../src/site-data/types';

const statusKeys = { 400: 'reg.error.body', 413: 'reg.error.tooLarge', 415: 'reg.error.mediaType' } as const;

export function registerHandler(siteData: () => SiteData | undefined) {
  return async (req: Request, context?: Context): Promise<Response> => {
    const queryLang = new URL(req.url).searchParams.get('lang');
    let lang = localeOr(queryLang);
    if (req.method !== 'POST') return plain(405, lang, 'reg.error.method', { Allow: 'POST' });
    if (crossSite(req)) {
      logEvent('register.cross_site');
      return crossSiteAnswer(req, lang, siteData()?.shells.register[lang]);
    }

    const parsed = await parseBody(req);
    if (!parsed.ok) {
      const message = t(lang, statusKeys[parsed.status]);
      return wantsJson(req, parsed.json) ? json(parsed.status, { error: message }) : plain(parsed.status, lang, statusKeys[parsed.status]);
    }
    const { raw } = parsed;
    if (isLocale(raw.lang)) lang = raw.lang;
    const asJson = wantsJson(req, parsed.json);

    const unavailable = () => (asJson ? json(503, { error: t(lang, 'reg.error.unavailable') }) : plain(503, lang, 'reg.error.unavailable'));
    const site = siteData();
    if (!site) {
      logEvent('register.site_data_missing');
      return unavailable();
    }
    const { config } = site;
    const answer = (status: number, content: string, titlePrefix: string) =>
      page(site.shells.register[lang], status, { content, titlePrefix, languageSwitch: sectionPath(otherLocale(lang), 'register') });

    // A Deploy Preview or branch deploy shares the production stores: it accepts nothing.
    if (!handlesRegistrations(context)) {
      logEvent('register.preview_refused', { context: String(context?.deploy?.context) });
      return asJson
        ? json(503, { error: t(lang, 'reg.error.preview') })
        : answer(
            503,
            `<h1>${esc(t(lang, 'reg.closed.title'))}</h1><p>${esc(t(lang, 'reg.error.preview'))}</p>`,
            `${t(lang, 'reg.closed.title')} — `,
          );
    }

    const received = (reference: string, token = receiptToken(reference)) =>
      asJson ? json(201, { reference, status: 'received' }) : seeOther(receiptLocation(lang, reference, token));

    // A filled honeypot is answered exactly like a success, with a reference that was never stored and
    // a token of the same form that opens nothing.
    if (typeof raw[HONEYPOT] === 'string' && raw[HONEYPOT].trim() !== '') {
      logEvent('register.honeypot');
      await countHoneypotHit().catch(() => undefined);
      return derivedKey('receipt-token') ? received(newReference(), decoyReceiptToken()) : unavailable();
    }

    // No NIK before the notice names who is responsible: production stays shut until it does. The pages
    // decide with the same function (registration-state.ts), so the form and every call to register agree.
    const state = registrationState(config, isLiveProduction(context));
    if (state === 'soon') {
      logEvent('register.gate_closed', { gaps: config.gate.join(',') });
      return asJson
        ? json(403, { error: t(lang, 'reg.soon.text') })
        : answer(403, renderOpensSoon(lang), `${t(lang, 'reg.soon.title')} — `);
    }
    if (state === 'closed') {
      return asJson
        ? json(403, { error: config.closedMessage[lang] })
        : answer(403, renderClosed(lang, config), `${t(lang, 'reg.closed.title')} — `);
    }

    const result = validateRegistration(raw, config, todayInSerang());
    if (!result.ok) {
      const errors = Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [field, key ? t(lang, key) : '']));
      if (asJson) return json(422, { errors, ...(result.ineligible ? { ineligible: result.ineligible } : {}) });
      return result.ineligible
        ? answer(
            422,
            renderIneligible(lang, result.ineligible, sectionPath(lang, 'register'), config),
            `${t(lang, 'reg.ineligible.title')} — `,
          )
        : answer(
            422,
            renderForm({
              lang,
              config,
              values: raw,
              errors: result.errors,
              privacyHref: config.privacyPath[lang],
              action: '/api/register',
            }),
            t(lang, 'reg.errorPrefix'),
          );
    }

    // The keys (src/server/keys.ts) and the outbox seal: without them nothing is accepted rather than
    // indexed in a guessable way or stored in clear.
    const missing = !derivedKey('nik-index')
      ? 'register.nik_index_key_missing'
      : !outboxKeysFromEnv()
        ? 'register.outbox_key_missing'
        : undefined;
    if (missing) {
      logEvent(missing);
      return unavailable();
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
          ...(isLiveProduction(context) ? { ip: context?.ip || req.headers.get('x-nf-client-connection-ip') || 'unknown' } : {}),
        },
      );
    } catch {
      // Not stored means not accepted: the person is told to try again rather than shown a reference.
      logEvent('register.store_failed');
      return unavailable();
    }
    switch (admission.kind) {
      case 'accepted':
      case 'earlier': {
        const reference = admission.kind === 'accepted' ? admission.item.reference : admission.reference;
        logEvent(admission.kind === 'accepted' ? 'register.accepted' : 'register.repeat', { reference });
        return received(reference);
      }
      case 'pending':
        return unavailable();
      case 'nik-limit': {
        logEvent('register.nik_limit');
        const errors = { nik: 'reg.error.nik.limit' } as const;
        if (asJson) return json(422, { errors: { nik: t(lang, errors.nik) } });
        return answer(
          422,
          renderForm({ lang, config, values: raw, errors, privacyHref: config.privacyPath[lang], action: '/api/register' }),
          t(lang, 'reg.errorPrefix'),
        );
      }
      case 'client-limit':
        logEvent('register.client_limit');
        return asJson
          ? json(429, { error: t(lang, 'reg.clientLimit.text') })
          : answer(
              429,
              `<h1>${esc(t(lang, 'reg.clientLimit.title'))}</h1><p>${esc(t(lang, 'reg.clientLimit.text'))}</p>`,
              `${t(lang, 'reg.clientLimit.title')} — `,
            );
      case 'full':
        // One alert line a day, for whoever watches the logs: the ceiling may need raising in the CMS.
        if (admission.alert) logEvent('register.daily_ceiling_reached', { dailyLimit: config.dailyLimit ?? 0 });
        return asJson
          ? json(503, { error: t(lang, 'reg.full.text') })
          : answer(
              503,
              `<h1>${esc(t(lang, 'reg.full.title'))}</h1><p>${esc(t(lang, 'reg.full.text'))}</p>`,
              `${t(lang, 'reg.full.title')} — `,
            );
    }
  };
}

export default registerHandler(builtSiteData);

export const config: Config = {
  path: '/api/register',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
