import { regionValues } from '../content/schemas';
import { type Locale, locales, type MessageKey, t } from '../i18n';

// The words the CMS previews print around staff's text (fact labels, region names), taken from the
// site's own message files so the preview reads exactly like the page.

const keys = [
  'destination.languages',
  'destination.sectors',
  'destination.pay',
  'destination.payValue',
  'destination.training',
  'destination.notes',
  'destination.register',
  'updated',
] as const satisfies readonly MessageKey[];

export function cmsPreviewLabels(): Record<Locale, Record<string, string>> {
  const one = (lang: Locale) => ({
    ...Object.fromEntries(keys.map((k) => [k, t(lang, k)])),
    ...Object.fromEntries(regionValues.map((r) => [`region.${r}`, t(lang, `region.${r}` as MessageKey)])),
  });
  return Object.fromEntries(locales.map((l) => [l, one(l)])) as Record<Locale, Record<string, string>>;
}
