import { z } from 'zod';

import { educationValues } from '../shared/education';
import { SLUG } from '../shared/patterns';
import { STATUS_CHOICES } from '../shared/registration-status';
import { WEB_PROTOCOL } from '../shared/safe-url';

// Staff read these messages (in the build log and `npm run check:content`): Indonesian, not English.
z.config(z.locales.id());

// Plain zod schemas, kept apart from src/content.config.ts so the content check and the tests can use
// them without Astro. Every field a staff member edits is named here once.

const text = (max: number) =>
  z.string({ error: 'wajib diisi (teks)' }).trim().min(1, 'wajib diisi').max(max, `paling banyak ${max} karakter`);
/**
 * An optional field as the CMS may save it: left out, empty (""), or null (Decap writes null for an
 * emptied number in the other language's file). All three mean "not known yet", and the page leaves
 * the field out rather than showing a guess.
 */
const blankable = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.null(), z.literal('')])
    .optional()
    .transform((v) => (v === null || v === '' ? undefined : (v as z.output<T>)));
const optionalText = (max: number) => blankable(z.string().trim().max(max)).transform((v) => (v ? v : undefined));
/** A web address (http or https only: a javascript: or data: URL would run in the reader's browser). */
const webUrl = () => z.url({ protocol: WEB_PROTOCOL, error: 'alamat web harus diawali https:// atau http://' });
const slug = z.string().regex(SLUG, 'huruf kecil, angka dan tanda minus saja');

/** Pay is a range; a minimum above the maximum is a typing mistake. */
const payRangeOrdered = (d: { payMin?: number | undefined; payMax?: number | undefined }) =>
  d.payMin === undefined || d.payMax === undefined || d.payMin <= d.payMax;
const payRangeError = { message: 'payMin tidak boleh lebih besar dari payMax', path: ['payMax'] };

const pageSchema = z.strictObject({
  title: text(120),
  description: text(200),
  /** URL segment in this language, e.g. "persyaratan" → /persyaratan/. */
  slug,
  updated: z.coerce.date(),
  order: z.number().int().min(0).default(100),
  /** Show in the main menu, under `navTitle` when the title is long. */
  nav: z.boolean().default(false),
  navTitle: optionalText(40),
  /** Offer a "share on WhatsApp" link: for program pages, not for the privacy notice. */
  share: z.boolean().default(true),
});

export const regionValues = ['asia-timur', 'timur-tengah', 'eropa', 'oseania', 'asia-tenggara'] as const;

const destinationSchema = z.strictObject({
  name: text(60),
  region: z.enum(regionValues),
  summary: text(200),
  languages: z.array(text(40)).default([]),
  sectors: z.array(text(60)).default([]),
  /** In juta rupiah a month. Empty until an official figure exists for this destination. */
  payMin: blankable(z.number().positive()),
  payMax: blankable(z.number().positive()),
  /** Months of language training, when known for this destination. */
  trainingMonths: optionalText(40),
  notes: optionalText(500),
  order: z.number().int().min(0),
  updated: z.coerce.date(),
}).refine(payRangeOrdered, payRangeError);

/** An official vacancy: it is shown only while its recruitment permit (SIP) is valid. */
/** Licence status of a placement company (P3MI), as the ministry's records say. */
const companyStatusValues = ['aktif', 'dihentikan-sementara', 'dicabut'] as const;
export type CompanyStatus = (typeof companyStatusValues)[number];
const stopScopeValues = ['semua', 'sebagian'] as const;
/** APJATI's role under UU PDP: joint controller with the city (Pasal 18), or a recipient (a controller of its own copy). */
const APJATI_ROLES = ['pengendali-bersama', 'penerima'] as const;

/**
 * A placement company (P3MI) in the staff-kept register: its company licence (SIP3MI), offices, the
 * status staff found at the official source, and when they last checked. A temporary stop records its
 * dates, decree and scope; a revocation its date and decree. Nothing here is invented: the register
 * starts empty and staff fill it from the licence and the ministry's list (SISKOP2MI).
 */
const companySchema = z
  .strictObject({
    name: text(160),
    licenceNumber: text(80),
    licenceIssued: z.coerce.date(),
    licenceValidUntil: z.coerce.date(),
    headOffice: text(300),
    branches: z.array(z.strictObject({ city: text(80), address: text(300) })).default([]),
    status: z.enum(companyStatusValues),
    stoppedFrom: blankable(z.coerce.date()),
    stoppedUntil: blankable(z.coerce.date()),
    stoppedDecree: optionalText(120),
    stoppedScope: blankable(z.enum(stopScopeValues)),
    revokedOn: blankable(z.coerce.date()),
    revokedDecree: optionalText(120),
    /** Where staff checked the entry (the ministry's page for this company). */
    source: webUrl(),
    checkedOn: z.coerce.date(),
    notes: optionalText(600),
  })
  .superRefine((c, ctx) => {
    const need = (fields: (keyof typeof c)[], message: string) => {
      for (const f of fields) if (c[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message });
    };
    if (c.status === 'dihentikan-sementara') need(['stoppedFrom', 'stoppedUntil', 'stoppedDecree', 'stoppedScope'], 'wajib diisi bila status "Dihentikan sementara"');
    if (c.status === 'dicabut') need(['revokedOn', 'revokedDecree'], 'wajib diisi bila status "Izin dicabut"');
    if (c.licenceValidUntil < c.licenceIssued) ctx.addIssue({ code: 'custom', path: ['licenceValidUntil'], message: 'tanggal berakhir izin sebelum tanggal terbit' });
  });

const vacancySchema = z.strictObject({
  position: text(120),
  /** File name of a destination, e.g. "jepang". */
  destination: slug,
  /** A sector slug from settings → registration.sectors. */
  sector: slug,
  /** File name of a company in the register (content/companies), e.g. "pt-contoh-jaya". */
  company: slug,
  sipNumber: text(80),
  sipValidUntil: z.coerce.date(),
  quota: blankable(z.number().int().positive()),
  requirements: z.array(text(200)).min(1, 'isi paling sedikit satu persyaratan'),
  /** In juta rupiah a month, only when the SIP record states it. */
  payMin: blankable(z.number().positive()),
  payMax: blankable(z.number().positive()),
  trainingMonths: optionalText(40),
  updated: z.coerce.date(),
}).refine(payRangeOrdered, payRangeError);

export const faqCategoryValues = ['program', 'syarat', 'biaya', 'pendaftaran', 'keamanan'] as const;

const faqSchema = z.strictObject({
  question: text(200),
  answer: text(2000),
  category: z.enum(faqCategoryValues),
  order: z.number().int().min(0),
});

const announcementSchema = z.strictObject({
  title: text(140),
  date: z.coerce.date(),
  summary: text(300),
  /** Where the announcement was first published, when it came from elsewhere. */
  sourceUrl: blankable(webUrl()),
  sourceName: optionalText(100),
});

const localized = (max: number) => z.strictObject({ id: text(max), en: text(max) });
const optionalLocalized = (max: number) =>
  z.strictObject({ id: optionalText(max), en: optionalText(max) }).default({ id: undefined, en: undefined });

const settingsSchema = z.strictObject({
  registration: z.strictObject({
    open: z.boolean(),
    /** Registrations accepted in one day (WIB) at most; empty: no ceiling (docs/launch.md suggests one). */
    dailyLimit: blankable(z.number().int().min(1).max(100_000)).optional(),
    closedMessage: localized(400),
    nextSteps: localized(600),
    sectors: z
      .array(z.strictObject({ slug, id: text(60), en: text(60) }))
      .min(1)
      .refine((list) => new Set(list.map((s) => s.slug)).size === list.length, { message: 'slug bidang kerja tidak boleh kembar' }),
    /** Who may register; the form and the self-check at /cek-kelayakan both apply these. */
    rules: z.strictObject({
      minAge: z.number().int().min(15).max(60),
      minEducation: z.enum(educationValues),
      educationExemptSectors: z.array(slug).default([]),
    }),
  }).refine((r) => r.rules.educationExemptSectors.every((s) => r.sectors.some((x) => x.slug === s)), {
    message: 'setiap bidang pengecualian pendidikan harus ada di daftar bidang kerja',
    path: ['rules', 'educationExemptSectors'],
  }),
  /** Program figures from the official article; pages format them, never restate them. */
  program: z.strictObject({
    payMinJuta: z.number().positive(),
    payMaxJuta: z.number().positive(),
    trainingMonthsMin: z.number().int().positive(),
    trainingMonthsMax: z.number().int().positive(),
    jobSeekersPerYear: z.number().int().positive(),
    mouDate: z.coerce.date(),
  }),
  contact: z.strictObject({
    office: optionalLocalized(120),
    address: optionalText(300),
    phone: optionalText(30),
    whatsapp: optionalText(30),
    email: blankable(z.email()),
    hours: optionalLocalized(200),
  }),
  /** National channels for reporting brokers; shown on the anti-broker page only when filled (verified). */
  reporting: z
    .strictObject({
      hotline: optionalText(30),
      whatsapp: optionalText(30),
      website: blankable(webUrl()),
    })
    .default({ hotline: undefined, whatsapp: undefined, website: undefined }),
  /** Words the site uses that a first-time reader may not know; shown as a plain box on the FAQ page. */
  glossary: z.array(z.strictObject({ term: text(40), id: text(400), en: text(400) })).default([]),
  /**
   * What each Airtable status means to the applicant: the status check (/cek-status/) and the road-ahead
   * page (/tahapan/) both show these, in this order, so they never disagree. No durations unless the
   * program has published them.
   */
  applicantStatus: z.strictObject({
    stages: z
      .array(z.strictObject({ status: z.enum(STATUS_CHOICES), title: localized(80), meaning: localized(500), todo: localized(500), next: optionalLocalized(300) }))
      .refine((list) => STATUS_CHOICES.every((s) => list.filter((x) => x.status === s).length === 1), { message: `setiap status harus ada tepat sekali: ${STATUS_CHOICES.join(', ')}` }),
  }),
  /**
   * The facts UU PDP asks the privacy notice to state (src/components/PrivacyFacts.astro shows them
   * beside the notice's text). Contacts and the retention period stay empty until the city decides
   * them: the page hides an empty fact, the retention run stays off, and the launch check lists them.
   */
  privacy: z.strictObject({
    controller: z.strictObject({
      name: localized(200),
      address: optionalText(300),
      email: blankable(z.email()),
      phone: optionalText(30),
    }),
    /** Pejabat pelindungan data pribadi (Pasal 53 UU PDP). */
    officer: z.strictObject({
      name: optionalText(120),
      email: blankable(z.email()),
      phone: optionalText(30),
    }).default({ name: undefined, email: undefined, phone: undefined }),
    /**
     * APJATI's role under UU PDP, the city's decision (docs/launch.md): a joint controller with the city
     * (Pasal 18) or a recipient that becomes a controller of what it receives. Empty: the notice says it
     * is not decided yet, and the launch check lists it.
     */
    apjatiRole: blankable(z.enum(APJATI_ROLES)),
    /** Where a person reaches APJATI about their data (its role says what APJATI answers for); empty: hidden. */
    apjatiContact: z
      .strictObject({ address: optionalText(300), email: blankable(z.email()), phone: optionalText(30) })
      .default({ address: undefined, email: undefined, phone: undefined }),
    /**
     * The one retention rule: every registration, whatever its status, is deleted this many months after
     * it last changed. At least 12: language training alone can last 8 months without a status change.
     */
    retentionMonths: blankable(z.number().int().min(12, 'paling sedikit 12 bulan: pelatihan bahasa saja bisa 8 bulan tanpa perubahan status').max(120)),
    recipients: z.array(localized(300)).min(1, 'sebutkan paling sedikit satu penerima data'),
    processors: z.array(z.strictObject({ name: text(60), role: localized(300), country: localized(60) })).min(1, 'sebutkan pemroses data dan negaranya'),
    /** The consent text at the form; any change gives a new consent version (recorded per registration). */
    consent: z.strictObject({ summary: localized(700), label: localized(300) }),
  }),
  /** What staff have confirmed about the program since the article (the article's plans are dated to it). */
  programStatus: z
    .strictObject({ text: optionalLocalized(600), updated: blankable(z.coerce.date()) })
    .default({ text: { id: undefined, en: undefined }, updated: undefined }),
  /**
   * The public figures page (/angka/, /en/figures/: src/figures/). Off until staff publish it: then it is
   * not built, not linked, and its function answers the site's 404. Off by default.
   */
  figures: z.strictObject({ publish: z.boolean() }).default({ publish: false }),
  source: z.strictObject({
    title: text(200),
    publisher: text(100),
    /** The article's own address; empty until checked (the launch check says so), never the site's home page. */
    url: blankable(webUrl()),
    date: z.coerce.date(),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * The collections: folder under content/, file pattern, schema. Used by Astro and by the content check.
 * Markdown only: MDX is code (it runs at build time and can put a script on the page), and a CMS account
 * must never be able to add code. MDX stays available to the site's own pages in src/.
 */
export const collectionDefs = {
  pages: { pattern: '**/*.md', schema: pageSchema },
  destinations: { pattern: '**/*.md', schema: destinationSchema },
  faq: { pattern: '**/*.yaml', schema: faqSchema },
  announcements: { pattern: '**/*.md', schema: announcementSchema },
  vacancies: { pattern: '**/*.md', schema: vacancySchema },
  companies: { pattern: '**/*.md', schema: companySchema },
  settings: { pattern: '*.yaml', schema: settingsSchema },
} as const;
