import { errorLabel } from '../delivery/airtable';
import { backgroundDrainRunning } from '../delivery/background';
import { claim, release } from '../delivery/leases';
import { currentPause } from '../delivery/pause';
import { todayInSerang } from '../shared/serang-time';
import { FIGURE_COLUMNS, type FigureLists } from './categories';
import { figuresDoc } from './figures-doc';
import { clearRun, publish, publishedDay, readRun, type RunState, saveRun } from './figures-store';
import { type NextPage, OffsetExpired } from './source';
import { addRecords, emptyTally } from './tally';

// One run of the daily computation (netlify/functions/figures-daily.ts, every minute): it lists the
// registrations table a page of 100 at a time, adds each page to running counts kept in Blobs with
// Airtable's offset, and publishes the suppressed figures when the last page is in. A run stops after
// MAX_CALLS pages or RUN_BUDGET_MS, whichever comes first; the next run continues where it stopped.
// If Airtable no longer knows the offset (422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE, its iterators time
// out), the listing starts again from the first page with empty counts: nothing is counted twice.
//
// Registrations come first. The figures take at most one call every MIN_GAP_MS from the shared budget
// (delivery keeps at least half of Airtable's 5 a second), at most MAX_CALLS a run, nothing while the
// background drain delivers a backlog or while delivery is paused after Airtable failed, and nothing
// more once today's figures are published (an idle run reads one key's metadata).

/** Pages a run may list: 40 pages are 4,000 registrations, about 17 s at the figures' own pace. */
const MAX_CALLS = 40;
/** A scheduled function has 30 s; a page is not started after this (its timeout is on top). */
const RUN_BUDGET_MS = 18_000;
/** The figures' own pace: at most 2.5 calls a second of Airtable's 5. */
const MIN_GAP_MS = 400;
/** One run at a time; a run that dies frees the computation when this ends. */
const LEASE = 'figures/run';
const LEASE_MS = 60_000;

export interface FiguresRunOptions {
  nextPage: NextPage;
  lists: FigureLists;
  maxCalls?: number;
  budgetMs?: number;
  minGapMs?: number;
  now?: () => number;
}

export interface FiguresRunReport {
  outcome: 'published' | 'unfinished' | 'done_today' | 'busy' | 'stood_aside' | 'failed';
  /** Airtable calls this run made (pages asked for, refused ones included). */
  calls: number;
  /** Records counted so far by the computation (all runs), the published total's basis. */
  records: number;
  /** The listing started again this run because Airtable had forgotten the offset. */
  restarted: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

const fresh = (day: string, now: number, restarts = 0): RunState => ({
  version: 1,
  day,
  startedAt: new Date(now).toISOString(),
  pages: 0,
  restarts,
  tally: emptyTally(),
});

export async function figuresRun(options: FiguresRunOptions): Promise<FiguresRunReport> {
  const { nextPage, lists, maxCalls = MAX_CALLS, budgetMs = RUN_BUDGET_MS, minGapMs = MIN_GAP_MS, now = Date.now } = options;
  const started = now();
  const today = todayInSerang(new Date(started));
  const report: FiguresRunReport = { outcome: 'unfinished', calls: 0, records: 0, restarted: 0 };
  if ((await publishedDay()) === today) return { ...report, outcome: 'done_today' };
  const pause = await currentPause();
  if ((pause && pause.until > started) || (await backgroundDrainRunning())) return { ...report, outcome: 'stood_aside' };
  if (!(await claim(LEASE, LEASE_MS))) return { ...report, outcome: 'busy' };
  try {
    let state = await readRun();
    if (!state || state.day !== today) state = fresh(today, started);
    let last = 0;
    for (;;) {
      report.records = state.tally.records;
      if (report.calls >= maxCalls || now() - started > budgetMs) return report;
      await sleep(last + minGapMs - now());
      last = now();
      report.calls++;
      let page;
      try {
        page = await nextPage(Object.values(FIGURE_COLUMNS), state.offset);
      } catch (e) {
        if (e instanceof OffsetExpired && state.offset) {
          state = fresh(today, now(), state.restarts + 1);
          report.restarted++;
          await saveRun(state);
          continue;
        }
        // Airtable failed or the budget had no slot: the counts and offset stay as saved; the next run
        // tries the same page again.
        return { ...report, outcome: 'failed', error: errorLabel(e) };
      }
      addRecords(state.tally, page.records);
      state.pages++;
      state.offset = page.offset;
      if (!page.offset) {
        await publish(figuresDoc(state.tally, lists, new Date(now())), state.day);
        await clearRun();
        return { ...report, outcome: 'published', records: state.tally.records };
      }
      await saveRun(state);
    }
  } finally {
    await release(LEASE);
  }
}
