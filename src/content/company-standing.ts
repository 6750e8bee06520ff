import type { CompanyStatus } from './schemas';

// What a company's standing means for the site, as pure functions (the content check runs them
// without Astro): a company is in good standing while its status is "aktif" and its licence (SIP3MI)
// is valid through today (WIB). A vacancy is shown only while its own SIP is valid and its company is
// in good standing; otherwise it leaves the site at the next build (the daily rebuild), and
// check:content and check:launch say why.

interface CompanyData {
  status: CompanyStatus;
  licenceValidUntil: Date;
}
interface VacancyData {
  sipValidUntil: Date;
  company: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What each status means for the company's standing: a status added to the schema must be given one here. */
const STATUS_PROBLEM = { aktif: undefined, 'dihentikan-sementara': 'stopped', dicabut: 'revoked' } as const satisfies Record<
  CompanyStatus,
  string | undefined
>;

/** Why a company is not in good standing, or undefined when it is. */
export type CompanyProblem = NonNullable<(typeof STATUS_PROBLEM)[CompanyStatus]> | 'licence-expired';

export function companyProblem(c: Pick<CompanyData, 'status' | 'licenceValidUntil'>, today: string): CompanyProblem | undefined {
  return STATUS_PROBLEM[c.status] ?? (day(c.licenceValidUntil) < today ? 'licence-expired' : undefined);
}

export type VacancyProblem = CompanyProblem | 'sip-expired' | 'company-unknown';

/** Why a vacancy is not shown, or undefined when it is: its SIP first, then its company. */
export function vacancyProblem(v: Pick<VacancyData, 'sipValidUntil' | 'company'>, companies: Map<string, Pick<CompanyData, 'status' | 'licenceValidUntil'>>, today: string): VacancyProblem | undefined {
  if (day(v.sipValidUntil) < today) return 'sip-expired';
  const company = companies.get(v.company);
  if (!company) return 'company-unknown';
  return companyProblem(company, today);
}

/** An entry staff last checked more than this many days ago asks to be checked again. */
export const CHECK_AGAIN_AFTER_DAYS = 90;

export function checkIsStale(checkedOn: Date, today: string): boolean {
  return Date.parse(today) - Date.parse(day(checkedOn)) > CHECK_AGAIN_AFTER_DAYS * 86_400_000;
}
