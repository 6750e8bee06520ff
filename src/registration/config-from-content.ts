import { hasContactNumber } from '../content/channels';
import { byOrder, entriesIn, entryKey, getSettings } from '../content/entries';
import { pagePaths } from '../content/routes';
import { activeVacancies } from '../content/vacancies';
import type { RegistrationConfig } from './config';
import { consentVersion } from './consent';
import { gateGaps } from './launch-gate';
import { productionBuild, type RegistrationState, registrationState } from './registration-state';

/** The registration config as content defines it, for the form page and (through src/site-data) the functions. Build time only: it reads Astro's content collections. */
export async function registrationConfig(): Promise<RegistrationConfig> {
  const settings = await getSettings();
  const [idDest, enDest] = await Promise.all([entriesIn('destinations', 'id'), entriesIn('destinations', 'en')]);
  const en = new Map(enDest.map((d) => [entryKey(d), d.data]));
  const [idPages, enPages] = await Promise.all([pagePaths('id'), pagePaths('en')]);
  const privacy = (await entriesIn('pages', 'id')).find((p) => entryKey(p) === 'privasi');
  if (!privacy) throw new Error('content/pages/id/privasi.md is required: the form links its privacy notice');
  return {
    open: settings.registration.open,
    gate: gateGaps(settings),
    ...(settings.registration.dailyLimit ? { dailyLimit: settings.registration.dailyLimit } : {}),
    closedMessage: settings.registration.closedMessage,
    nextSteps: settings.registration.nextSteps,
    consent: {
      ...settings.privacy.consent,
      version: consentVersion(settings.privacy.consent, privacy.data.updated.toISOString().slice(0, 10)),
    },
    privacyPath: { id: idPages.privasi ?? '/privasi/', en: enPages.privasi ?? idPages.privasi ?? '/privasi/' },
    destinations: idDest.sort(byOrder).map((d) => ({
      value: entryKey(d),
      label: { id: d.data.name, en: en.get(entryKey(d))?.name ?? d.data.name },
      languages: { id: d.data.languages, en: en.get(entryKey(d))?.languages ?? d.data.languages },
    })),
    vacancies: (await activeVacancies('id')).map((v) => {
      const label = `${entryKey(v)} (SIP ${v.data.sipNumber})`;
      return { value: entryKey(v), label: { id: label, en: label } };
    }),
    sectors: settings.registration.sectors.map((s) => ({ value: s.slug, label: { id: s.id, en: s.en } })),
    rules: settings.registration.rules,
    stages: settings.applicantStatus.stages.map(({ next, ...stage }) => ({
      ...stage,
      ...(next?.id ? { next: { id: next.id, en: next.en ?? next.id } } : {}),
    })),
    ...(settings.privacy.retentionMonths ? { retentionMonths: settings.privacy.retentionMonths } : {}),
    numberListed: hasContactNumber(settings.contact),
    training: { min: settings.program.trainingMonthsMin, max: settings.program.trainingMonthsMax },
  };
}

/** Whether this build's pages invite registrations (registration-state.ts): every page asks this, never the switch alone. */
export async function builtRegistrationState(): Promise<RegistrationState> {
  return registrationState(await registrationConfig(), productionBuild());
}
