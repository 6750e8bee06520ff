import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { ChildReply } from './child';
import type { Fault, StandinOptions, StandinRecord, StandinRequest } from './server';

export type { StandinRecord, StandinRequest } from './server';

// The Airtable stand-in in a process of its own (./child.ts), and the client tests, benches and
// `npm start` drive it with. Its timestamps are taken where requests arrive: a test whose event loop
// stalls (both cores busy) cannot bunch them into a 429 the real Airtable would not give.

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** tsx's loader, by absolute address: the child runs TypeScript whatever its working directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class StandinProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  url = '';

  constructor(private readonly opts: StandinOptions) {}

  /** Starts the process; resolves with the stand-in's address once it listens. */
  async start(): Promise<string> {
    const child = fork(CHILD, [], {
      execArgv: ['--import', TSX],
      env: { ...process.env, STANDIN_OPTIONS: JSON.stringify(this.opts) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.url = await this.reply('listening', () => {});
    return this.url;
  }

  /** Ends the process (a records file, if any, is written first). */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ type: 'stop' });
    await this.exited;
  }

  /** Stops listening (callers get a refused connection), keeping every record. */
  async down(): Promise<void> {
    await this.reply('down', () => this.child!.send({ type: 'down' }));
  }

  /** Listens again on the same address. */
  async up(): Promise<void> {
    await this.reply('listening', () => this.child!.send({ type: 'up' }));
  }

  /** The next requests fail as `fault` says (or every one, until heal()). */
  async fail(fault: Fault): Promise<void> {
    await this.control('POST', 'fault', fault);
  }

  async heal(): Promise<void> {
    await this.control('DELETE', 'fault');
  }

  /** The recent requests (at most 10,000), each with its arrival time. */
  async requests(): Promise<StandinRequest[]> {
    return ((await this.control('GET', 'requests')) as { requests: StandinRequest[] }).requests;
  }

  /** How many API requests arrived since the start (however many the log still holds). */
  async requestCount(): Promise<number> {
    return ((await this.control('GET', 'requests')) as { total: number }).total;
  }

  /** Milliseconds left of the base's 429 penalty (0 when none runs). */
  async penaltyRemaining(baseId: string): Promise<number> {
    return ((await this.control('GET', `penalty?${new URLSearchParams({ base: baseId })}`)) as { remainingMs: number }).remainingMs;
  }

  /** A table's rows as the stand-in keeps them (modifiedTime included). */
  async records(baseId: string, table: string): Promise<StandinRecord[]> {
    return (await this.control('GET', `records?${new URLSearchParams({ base: baseId, table })}`)) as StandinRecord[];
  }

  /** Replaces a table's rows, as a year of registrations would leave them. */
  async setRecords(baseId: string, table: string, records: StandinRecord[]): Promise<void> {
    await this.control('PUT', `records?${new URLSearchParams({ base: baseId, table })}`, records);
  }

  /** Changes one row's fields as a staff member would in Airtable (its last change moves to now). */
  async editRecord(baseId: string, table: string, id: string, fields: StandinRecord['fields']): Promise<void> {
    await this.control('PATCH', `records?${new URLSearchParams({ base: baseId, table })}`, [{ id, fields }]);
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}/__standin/${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.opts.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand-in control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Sends a lifecycle message and waits for the child's answer of that type (its address for 'listening'). */
  private reply(type: 'listening' | 'down', ask: () => void): Promise<string> {
    const child = this.child!;
    return new Promise((resolve, reject) => {
      const onMessage = (m: ChildReply) => {
        if (m.type === 'error') done(() => reject(new Error(`Airtable stand-in: ${m.message}`)));
        else if (m.type === type) done(() => resolve(m.type === 'listening' ? m.url : ''));
      };
      const onExit = (code: number | null) => done(() => reject(new Error(`Airtable stand-in exited (${code})`)));
      const done = (settle: () => void) => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        settle();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      ask();
    });
  }
}
