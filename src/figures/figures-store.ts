import { store } from '../server/blobs';
import type { FiguresDoc } from './figures-doc';
import type { Tally } from './tally';

// Store `program-figures`, owned here:
//   published   the figures the page shows: one small JSON document (figures-doc.ts), metadata {day}
//   run         a computation in progress: its day, Airtable's offset, the running counts; deleted once
//               it is published, so counts below the threshold live only while a computation runs

const figures = () => store('figures');

export interface RunState {
  version: 1;
  /** The day (WIB, YYYY-MM-DD) this computation is for; another day's is started afresh. */
  day: string;
  startedAt: string;
  /** Airtable's offset for the next page; none before the first. */
  offset?: string;
  pages: number;
  /** Times the listing started again because Airtable no longer knew the offset. */
  restarts: number;
  tally: Tally;
}

export async function readPublished(): Promise<FiguresDoc | undefined> {
  const doc = (await figures().get('published', { type: 'json' })) as FiguresDoc | null;
  return doc?.version === 1 ? doc : undefined;
}

/** The day (WIB) of the figures published last, without reading them. */
export async function publishedDay(): Promise<string | undefined> {
  const day = (await figures().getMetadata('published'))?.metadata.day;
  return typeof day === 'string' ? day : undefined;
}

export async function publish(doc: FiguresDoc, day: string): Promise<void> {
  await figures().setJSON('published', doc, { metadata: { day } });
}

export async function readRun(): Promise<RunState | undefined> {
  const state = (await figures().get('run', { type: 'json' })) as RunState | null;
  return state?.version === 1 ? state : undefined;
}

export async function saveRun(state: RunState): Promise<void> {
  await figures().setJSON('run', state);
}

export async function clearRun(): Promise<void> {
  await figures().delete('run');
}
