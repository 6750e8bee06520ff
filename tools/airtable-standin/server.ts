import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

import type { AirtableFieldSpec } from '../../src/delivery/airtable-schema';
import { parseFormula, type Row } from './formula';

// A local stand-in for the parts of Airtable's Web API this project uses, answering as Airtable's
// documentation says: bearer tokens, {error: {type, message}} bodies, at most 10 records a request,
// 5 requests a second per base with a 429 and a 30-second penalty, typecast for select options, and the
// Metadata API for tables and fields. Tests and `npm start` both use it, each in a process of its own
// (./process.ts starts it, ./child.ts runs it), so a request is timed when it arrives, whatever the
// caller's event loop is busy with. Paths under /__standin/ are its control channel, not Airtable's API:
// faults, the request log and the records (tests, `npm run standin`).

export interface StandinRecord {
  id: string;
  createdTime: string;
  fields: Row;
  /** The last change, for LAST_MODIFIED_TIME(); kept by the stand-in, never sent (Airtable sends none). */
  modifiedTime?: string;
}
/** A record as Airtable sends it: the stand-in's own bookkeeping (modifiedTime) stays behind. */
const asSent = (r: StandinRecord) => ({ id: r.id, createdTime: r.createdTime, fields: r.fields });

interface Table {
  id: string;
  name: string;
  fields: (AirtableFieldSpec & { id: string })[];
  records: StandinRecord[];
}
interface Base {
  tables: Table[];
}

/** A fault the stand-in plays for the next `times` requests (or until cleared). */
export type Fault =
  | { kind: 'status'; status: number; times?: number }
  | { kind: 'timeout'; times?: number }
  | { kind: 'refuse'; times?: number }
  /** The write happens but the reply never arrives: the caller cannot know it succeeded. */
  | { kind: 'drop-after-write'; times?: number };

/** One request as the stand-in saw it: `at` is when it arrived (ms since the epoch). */
export interface StandinRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface StandinOptions {
  port?: number;
  host?: string;
  token: string;
  /** base id → tables to start with (field specs). */
  bases: Record<string, { name: string; fields: AirtableFieldSpec[] }[]>;
  /** JSON file to keep records in between runs. */
  file?: string;
  requestsPerSecond?: number;
  penaltyMs?: number;
}

const id = (prefix: string) => prefix + randomBytes(7).toString('hex').slice(0, 14);
const SELECTS = new Set(['singleSelect', 'multipleSelects']);
const TEXTS = new Set(['singleLineText', 'multilineText', 'email', 'phoneNumber']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export class AirtableStandin {
  private server?: Server;
  private bases = new Map<string, Base>();
  private hits = new Map<string, number[]>();
  private penaltyUntil = new Map<string, number>();
  private faults: Fault[] = [];
  /** Listing offsets handed out: offset → index of the next record. */
  private offsets = new Map<string, number>();
  private sockets = new Set<import('node:net').Socket>();
  private loaded = false;
  url = '';
  /** The recent requests (at most 10,000), for tests that count calls and read their times. */
  private requests: StandinRequest[] = [];
  /** Every request seen since the start, however long the log grew. */
  private requestTotal = 0;

  constructor(private opts: StandinOptions) {
    for (const [baseId, tables] of Object.entries(opts.bases)) {
      this.bases.set(baseId, { tables: tables.map((t) => this.newTable(t.name, t.fields)) });
    }
  }

  private newTable(name: string, fields: AirtableFieldSpec[]): Table {
    return { id: id('tbl'), name, fields: fields.map((f) => ({ ...f, id: id('fld') })), records: [] };
  }

  /** Listens (again, on the same address, after stop()); the records are read from the file once. */
  async start(): Promise<string> {
    if (this.opts.file && !this.loaded) await this.load();
    this.loaded = true;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.opts.port = port;
    this.url = `http://${this.opts.host ?? '127.0.0.1'}:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.opts.file) await this.writeFile();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private fail(fault: Fault): void {
    this.faults.push(fault);
  }
  private heal(): void {
    this.faults = [];
  }

  private table(baseId: string, nameOrId: string): Table | undefined {
    return this.bases.get(baseId)?.tables.find((t) => t.name === nameOrId || t.id === nameOrId);
  }

  private async load(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.opts.file!, 'utf8')) as Record<string, Base>;
      for (const [baseId, base] of Object.entries(saved)) this.bases.set(baseId, base);
    } catch {
      // No file yet: start with the configured tables.
    }
  }

  private saving?: Promise<void>;

  /**
   * Keeps the records in the file, at most once a second: `npm start` may hold tens of thousands, and
   * rewriting them for every create of ten would cost more than Airtable's own pace.
   */
  private save(): Promise<void> {
    if (!this.opts.file) return Promise.resolve();
    this.saving ??= new Promise<void>((resolve) => setTimeout(resolve, 1000)).then(async () => {
      this.saving = undefined;
      await this.writeFile();
    });
    return Promise.resolve();
  }

  /**
   * Serialises in slices, yielding between them: one JSON.stringify of 20,000 records blocks for a
   * quarter of a second, and requests queued meanwhile would then be timed as one burst, a 429 that
   * Airtable (which does not stop to write a file) would never give.
   */
  private async writeFile(): Promise<void> {
    await mkdir(dirname(this.opts.file!), { recursive: true });
    const parts: string[] = [];
    for (const [baseId, base] of this.bases) {
      const tables: string[] = [];
      for (const t of base.tables) {
        const records: string[] = [];
        for (let i = 0; i < t.records.length; i += 500) {
          records.push(...t.records.slice(i, i + 500).map((r) => JSON.stringify(r)));
          await new Promise((r) => setImmediate(r));
        }
        tables.push(
          `{"id":${JSON.stringify(t.id)},"name":${JSON.stringify(t.name)},"fields":${JSON.stringify(t.fields)},"records":[${records.join(',')}]}`,
        );
      }
      parts.push(`${JSON.stringify(baseId)}:{"tables":[${tables.join(',')}]}`);
    }
    const tmp = `${this.opts.file}.tmp`;
    await writeFile(tmp, `{${parts.join(',')}}`);
    await rename(tmp, this.opts.file!);
  }

  /** The fault for this request; a lost reply only applies to a create, so other requests pass it by. */
  private nextFault(isCreate: boolean): Fault | undefined {
    const fault = this.faults[0];
    if (!fault || (fault.kind === 'drop-after-write' && !isCreate)) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.shift();
    return fault;
  }

  /** 5 requests per second per base, by arrival time; beyond that 429, and every request in the next 30 s too. */
  private rateLimited(baseId: string, now: number): boolean {
    if ((this.penaltyUntil.get(baseId) ?? 0) > now) return true;
    const recent = (this.hits.get(baseId) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    this.hits.set(baseId, recent);
    if (recent.length > (this.opts.requestsPerSecond ?? 5)) {
      this.penaltyUntil.set(baseId, now + (this.opts.penaltyMs ?? 30_000));
      return true;
    }
    return false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const at = Date.now();
    let status = 200;
    let control = false;
    const send = (code: number, body: unknown) => {
      status = code;
      res.writeHead(code, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const error = (code: number, type: string, message: string) => send(code, { error: { type, message } });
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');

      if (url.pathname.startsWith('/__standin/')) {
        control = true;
        if (req.headers.authorization !== `Bearer ${this.opts.token}`)
          return error(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
        return await this.control(req.method ?? 'GET', url, raw, send, error);
      }
      const isCreate = req.method === 'POST' && url.pathname.split('/').filter(Boolean).length === 3;
      const fault = this.nextFault(isCreate);
      if (fault?.kind === 'refuse') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'timeout') return; // never answers; the client's timeout decides
      if (fault?.kind === 'status') {
        const types: Record<number, string> = {
          500: 'SERVER_ERROR',
          502: 'BAD_GATEWAY',
          503: 'SERVICE_UNAVAILABLE',
          429: 'TOO_MANY_REQUESTS',
          422: 'INVALID_VALUE_FOR_COLUMN',
        };
        return error(fault.status, types[fault.status] ?? 'UNEXPECTED_ERROR', 'Injected by the test stand-in');
      }

      if (req.headers.authorization !== `Bearer ${this.opts.token}`) {
        return error(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
      }
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'v0') return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
      const meta = parts[1] === 'meta';
      const baseId = meta ? parts[3] : parts[1];
      const base = baseId ? this.bases.get(baseId) : undefined;
      const notFound = () =>
        error(
          403,
          'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
          'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
        );
      if (!base || !baseId) return notFound();
      if (this.rateLimited(baseId, at)) {
        return error(
          429,
          'TOO_MANY_REQUESTS',
          'You have made too many requests in a short period of time. Please retry your request later',
        );
      }
      let body: Record<string, unknown> = {};
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return error(422, 'INVALID_REQUEST_BODY', 'Could not parse request body');
        }
      }

      if (meta) return this.handleMeta(req.method ?? 'GET', base, parts.slice(4), body, send, error, notFound);

      const table = this.table(baseId, parts[2] ?? '');
      if (!table) return notFound();
      const listing = (req.method === 'GET' && parts.length === 3) || (req.method === 'POST' && parts[3] === 'listRecords');
      if (listing) {
        const params = req.method === 'GET' ? Object.fromEntries(url.searchParams) : body;
        let rows = table.records;
        if (params.filterByFormula) {
          try {
            const predicate = parseFormula(String(params.filterByFormula));
            rows = rows.filter((r) => predicate(r.fields, { modifiedTime: r.modifiedTime ?? r.createdTime }));
          } catch {
            return error(
              422,
              'INVALID_FILTER_BY_FORMULA',
              `The formula for filtering records is invalid: ${String(params.filterByFormula).slice(0, 40)}`,
            );
          }
        }
        // Pages of at most 100 (pageSize), an `offset` while more remain, `maxRecords` capping the whole.
        const total = Math.min(rows.length, Number(params.maxRecords ?? Infinity));
        const pageSize = Math.min(Number(params.pageSize ?? 100), 100);
        const from = params.offset === undefined ? 0 : this.offsets.get(String(params.offset));
        if (from === undefined)
          return error(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The offset is no longer valid; start the listing again');
        const to = Math.min(from + pageSize, total);
        const wanted = (Array.isArray(params.fields) ? params.fields : url.searchParams.getAll('fields[]')) as string[];
        const pick = (f: Row) => (wanted.length ? Object.fromEntries(Object.entries(f).filter(([k]) => wanted.includes(k))) : f);
        let offset: string | undefined;
        if (to < total) {
          offset = `itr${id('')}/rec${to}`;
          this.offsets.set(offset, to);
          if (this.offsets.size > 10_000) this.offsets.delete(this.offsets.keys().next().value!);
        }
        return send(200, {
          records: rows.slice(from, to).map((r) => ({ ...asSent(r), fields: pick(r.fields) })),
          ...(offset ? { offset } : {}),
        });
      }
      if (req.method === 'PATCH' && parts.length === 3) return this.update(table, body, send, error);
      if (req.method === 'DELETE') {
        // DELETE /v0/{base}/{table}?records[]=id… (at most 10) or /v0/{base}/{table}/{id}.
        const ids = parts.length === 4 ? [parts[3]!] : url.searchParams.getAll('records[]');
        if (!ids.length) return error(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records" in the request');
        if (ids.length > 10) return error(422, 'INVALID_RECORDS', 'You can delete up to 10 records per request');
        if (ids.some((rid) => !table.records.some((r) => r.id === rid)))
          return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
        table.records = table.records.filter((r) => !ids.includes(r.id));
        await this.save();
        const deleted = ids.map((rid) => ({ id: rid, deleted: true }));
        return send(200, parts.length === 4 ? deleted[0] : { records: deleted });
      }
      if (req.method === 'POST' && parts.length === 3) {
        const records = body.records;
        if (!Array.isArray(records) || records.length === 0)
          return error(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records" in the request body');
        if (records.length > 10) return error(422, 'INVALID_RECORDS', 'You can create up to 10 records per request');
        const created: StandinRecord[] = [];
        for (const r of records as { fields?: Row }[]) {
          const problem = this.checkFields(table, r.fields ?? {}, body.typecast === true);
          if (problem) return error(422, problem[0], problem[1]);
          const now = new Date().toISOString();
          created.push({ id: id('rec'), createdTime: now, modifiedTime: now, fields: this.clean(r.fields ?? {}, table) });
        }
        table.records.push(...created);
        await this.save();
        if (fault?.kind === 'drop-after-write') {
          req.socket.destroy();
          return;
        }
        return send(200, { records: created.map(asSent) });
      }
      return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
    } catch {
      if (!res.headersSent) error(500, 'SERVER_ERROR', 'Try again. If the problem persists, contact support.');
    } finally {
      if (!control) {
        this.requestTotal++;
        this.requests.push({ method: req.method ?? '', path: url.pathname, status, at });
        // `npm start` keeps the stand-in up for days: keep only the recent history.
        if (this.requests.length > 10_000) this.requests.splice(0, this.requests.length - 10_000);
      }
    }
  }

  /**
   * The control channel (./process.ts is its client; `npm run standin` uses /fault): never counted, never
   * rate-limited, never failed. Records are read and written whole, bookkeeping (modifiedTime) included,
   * so a test can lay out a year of rows or change a status as staff would in Airtable.
   */
  private async control(
    method: string,
    url: URL,
    raw: string,
    send: (code: number, body: unknown) => void,
    error: (code: number, type: string, message: string) => void,
  ): Promise<void> {
    const what = url.pathname.slice('/__standin/'.length);
    if (what === 'fault' && method === 'POST') this.fail(JSON.parse(raw) as Fault);
    if (what === 'fault' && method === 'DELETE') this.heal();
    if (what === 'fault') return send(200, { faults: this.faults });
    if (what === 'requests') return send(200, { total: this.requestTotal, requests: this.requests });
    if (what === 'penalty') {
      // How long the base's 429 penalty still runs: a test waits it out rather than a fixed 30 s.
      const base = url.searchParams.get('base') ?? '';
      return send(200, { remainingMs: Math.max(0, (this.penaltyUntil.get(base) ?? 0) - Date.now()) });
    }
    if (what !== 'records') return error(404, 'NOT_FOUND', 'No such control');
    const table = this.table(url.searchParams.get('base') ?? '', url.searchParams.get('table') ?? '');
    if (!table) return error(404, 'NOT_FOUND', 'No such base or table');
    if (method === 'PUT') table.records = JSON.parse(raw) as StandinRecord[];
    if (method === 'PATCH') {
      // As a staff member edits a row in Airtable: the fields change, and so does its last change.
      for (const change of JSON.parse(raw) as { id: string; fields: Row }[]) {
        const record = table.records.find((r) => r.id === change.id);
        if (!record) return error(404, 'NOT_FOUND', `No record ${change.id}`);
        record.fields = this.clean({ ...record.fields, ...change.fields });
        record.modifiedTime = new Date().toISOString();
      }
    }
    if (method !== 'GET') await this.save();
    return send(200, table.records);
  }

  /**
   * PATCH: update records by id, or upsert with performUpsert.fieldsToMergeOn (no match: create; one
   * match: update it; several: refused). At most 10 records, as for create.
   */
  private async update(
    table: Table,
    body: Record<string, unknown>,
    send: (code: number, body: unknown) => void,
    error: (code: number, type: string, message: string) => void,
  ): Promise<void> {
    const records = body.records as { id?: string; fields?: Row }[] | undefined;
    if (!Array.isArray(records) || records.length === 0)
      return error(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records" in the request body');
    if (records.length > 10) return error(422, 'INVALID_RECORDS', 'You can update up to 10 records per request');
    const mergeOn = (body.performUpsert as { fieldsToMergeOn?: string[] } | undefined)?.fieldsToMergeOn;
    const updated: StandinRecord[] = [];
    const createdRecords: string[] = [];
    const updatedRecords: string[] = [];
    for (const r of records) {
      const problem = this.checkFields(table, r.fields ?? {}, body.typecast === true);
      if (problem) return error(422, problem[0], problem[1]);
      let target: StandinRecord | undefined;
      if (mergeOn) {
        const matches = table.records.filter((x) => mergeOn.every((f) => x.fields[f] === r.fields?.[f]));
        if (matches.length > 1) return error(422, 'INVALID_VALUE_FOR_COLUMN', 'More than one record matches the fields to merge on');
        target = matches[0];
        if (!target) {
          target = { id: id('rec'), createdTime: new Date().toISOString(), fields: {} };
          table.records.push(target);
          createdRecords.push(target.id);
        } else updatedRecords.push(target.id);
      } else {
        target = table.records.find((x) => x.id === r.id);
        if (!target) return error(404, 'NOT_FOUND', 'Could not find what you are looking for');
      }
      target.fields = this.clean({ ...target.fields, ...(r.fields ?? {}) }, table);
      target.modifiedTime = new Date().toISOString();
      updated.push(target);
    }
    await this.save();
    return send(200, { records: updated.map(asSent), ...(mergeOn ? { createdRecords, updatedRecords } : {}) });
  }

  private clean(fields: Row, table?: Table): Row {
    // Airtable leaves out empty values (false checkboxes, empty strings) when it returns a record, and
    // sends a date and time back as the UTC instant with milliseconds.
    const dateTimes = new Set(table?.fields.filter((f) => f.type === 'dateTime').map((f) => f.name));
    return Object.fromEntries(
      Object.entries(fields)
        .filter(([, v]) => v !== false && v !== '' && v !== null && v !== undefined)
        .map(([k, v]) => [k, dateTimes.has(k) && typeof v === 'string' ? new Date(v).toISOString() : v]),
    );
  }

  private checkFields(table: Table, fields: Row, typecast: boolean): [string, string] | undefined {
    for (const [name, value] of Object.entries(fields)) {
      const spec = table.fields.find((f) => f.name === name);
      if (!spec) return ['UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`];
      if (SELECTS.has(spec.type)) {
        const choices = (spec.options?.choices ?? []) as { name: string }[];
        for (const v of Array.isArray(value) ? value : [value]) {
          if (choices.some((c) => c.name === v)) continue;
          if (!typecast)
            return ['INVALID_MULTIPLE_CHOICE_OPTIONS', `Insufficient permissions to create new select option ""${String(v)}""`];
          choices.push({ name: String(v) });
          spec.options = { ...spec.options, choices };
        }
      }
      if (spec.type === 'date' && !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) {
        return ['INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept the provided value`];
      }
      if (spec.type === 'checkbox' && typeof value !== 'boolean') {
        return ['INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept the provided value`];
      }
      // A date and time: an ISO 8601 instant (Airtable answers with it in UTC, whatever zone staff typed in).
      if (
        spec.type === 'dateTime' &&
        value !== null &&
        !(typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      ) {
        return ['INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept the provided value`];
      }
      if (TEXTS.has(spec.type) && value !== null && typeof value !== 'string') {
        return ['INVALID_VALUE_FOR_COLUMN', `Field "${name}" cannot accept the provided value`];
      }
    }
    return undefined;
  }

  private handleMeta(
    method: string,
    base: Base,
    rest: string[],
    body: Record<string, unknown>,
    send: (code: number, body: unknown) => void,
    error: (code: number, type: string, message: string) => void,
    notFound: () => void,
  ): void | Promise<void> {
    const describe = (t: Table) => ({ id: t.id, name: t.name, primaryFieldId: t.fields[0]?.id, fields: t.fields });
    if (rest[0] !== 'tables') return notFound();
    if (rest.length === 1 && method === 'GET') return send(200, { tables: base.tables.map(describe) });
    if (rest.length === 1 && method === 'POST') {
      const name = String(body.name ?? '');
      const fields = (body.fields ?? []) as AirtableFieldSpec[];
      if (!name || !fields.length) return error(422, 'INVALID_REQUEST_UNKNOWN', 'Invalid request: table needs a name and fields');
      if (base.tables.some((t) => t.name === name)) return error(422, 'DUPLICATE_TABLE_NAME', `Table name "${name}" already exists`);
      const table = this.newTable(name, fields);
      base.tables.push(table);
      return this.save().then(() => send(200, describe(table)));
    }
    const table = base.tables.find((t) => t.id === rest[1] || t.name === rest[1]);
    if (!table) return notFound();
    if (rest[2] === 'fields' && method === 'POST') {
      const spec = body as unknown as AirtableFieldSpec;
      if (!spec.name || !spec.type) return error(422, 'INVALID_REQUEST_UNKNOWN', 'Invalid request: field needs a name and a type');
      if (table.fields.some((f) => f.name === spec.name))
        return error(422, 'DUPLICATE_OR_EMPTY_FIELD_NAME', `Field name "${spec.name}" already exists`);
      const field = { ...spec, id: id('fld') };
      table.fields.push(field);
      return this.save().then(() => send(200, field));
    }
    return notFound();
  }
}
