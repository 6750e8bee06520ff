// GET /api/cek-kelayakan?usia=…&pendidikan=…&bidang=…&bahasa=…&tujuan=…&lang=id — the self-check's
// result page. Read-only: nothing is stored and nothing is logged.
import type { Config } from '@netlify/functions';
import { isLocale, t, type Locale } from '../../src/i18n';
import { readAnswers, renderSelfCheckResult } from '../../src/lib/eligibility/self-check';
import { page, plain } from '../../src/lib/registration/respond';
import { loadOptions } from '../../src/lib/registration/site';

export default async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  const param = url.searchParams.get('lang');
  const lang: Locale = isLocale(param) ? param : 'id';
  let options;
  try {
    options = await loadOptions(url.origin);
  } catch {
    return plain(503, lang, 'eligibility.unavailable', { 'Retry-After': '60' });
  }
  return page(url.origin, lang, 200, renderSelfCheckResult(lang, readAnswers(url.searchParams, options), options), t(lang, 'eligibility.result.title'));
};

export const config: Config = { path: '/api/cek-kelayakan', method: ['GET'] };
