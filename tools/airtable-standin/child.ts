// The stand-in's own process (started by ./process.ts): it answers Airtable's API and times each request
// on its own event loop, so a busy test or dev server cannot bunch requests into a 429 that Airtable
// would never give. Lifecycle over IPC; everything else over HTTP (/__standin/…).
import { AirtableStandin, type StandinOptions } from './server';

/** What the parent says over IPC. */
export type ChildMessage = { type: 'down' } | { type: 'up' } | { type: 'stop' };
/** What the child answers: its address once listening, and each lifecycle step done. */
export type ChildReply = { type: 'listening'; url: string } | { type: 'down' } | { type: 'error'; message: string };

const send = (reply: ChildReply) => process.send?.(reply);
const standin = new AirtableStandin(JSON.parse(process.env.STANDIN_OPTIONS ?? '{}') as StandinOptions);

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= standin
    .stop()
    .catch(() => {})
    .then(() => process.exit(0)));

process.on('message', (message: ChildMessage) => {
  if (message.type === 'stop') return void stop();
  if (message.type === 'down') return void standin.stop().then(() => send({ type: 'down' }));
  void standin.start().then((url) => send({ type: 'listening', url }));
});
// The parent is gone (a killed test worker, a closed terminal): keep the records file and leave.
process.on('disconnect', () => void stop());
// Ctrl-C reaches the whole process group: the parent (npm start) decides when this one stops.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void stop());

standin.start().then(
  (url) => send({ type: 'listening', url }),
  (e: Error) => {
    send({ type: 'error', message: e.message });
    process.exit(1);
  },
);
