import { mkdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { BlobsServer } from '@netlify/blobs/server';

// Netlify Blobs' own local server, made to keep the promise Netlify's service makes: a conditional
// write (onlyIfNew, onlyIfMatch) is atomic. The local server checks, then writes, with awaits between,
// so two simultaneous create-only writes can both succeed; and its ETag is a hash of the path and the
// modification time in milliseconds, so two writes within one millisecond share an ETag. Here every
// request about one key (writes, deletes, reads of it and of its metadata) is taken one at a time, and
// the ETag also names the file's inode and size (every write renames a new file into place). Tests,
// the benches and their helpers use this class.
//
// It can also behave like a store across a network that has bad moments (setFaults, switched at run
// time, per server; over HTTP for a server in another process, see setRemoteFaults): conditional writes
// refused with 429, 500 or 503; answers lost after a conditional write landed (the connection drops
// before the answer, as a timeout would look); and latency added to every request.

type Put = (req: Request) => Promise<Response>;

export interface BlobsFaults {
  /** Conditional writes (onlyIfNew, onlyIfMatch) are answered with this status and not written. */
  conditionalStatus?: 429 | 500 | 503;
  /** The next this-many conditional writes that land lose their answer (Infinity: every one). */
  loseAnswers?: number;
  /** Added to every request before it is answered, as for a function talking to its store in the cloud. */
  latencyMs?: number;
}

/** The path a server in another process takes fault settings on (a JSON body, with the store's token). */
const FAULTS_PATH = '/__faults';

const strongerETag = async (filePath: string): Promise<string> => {
  try {
    const s = await stat(filePath, { bigint: true });
    return `"${s.ino}-${s.size}-${s.mtimeNs}"`;
  } catch {
    return '';
  }
};
(BlobsServer as unknown as { generateETag: (p: string) => Promise<string> }).generateETag = strongerETag;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a request names a key (/site/store/key…), not a store's listing. */
const namesKey = (pathname: string) => pathname.split('/').filter(Boolean).length >= 3;

/** A Node request as a WHATWG Request, which the Blobs server handles. */
async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const body = req.method === 'GET' || req.method === 'HEAD' || !chunks.length ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body });
}

export class LocalBlobsServer extends BlobsServer {
  private faults: BlobsFaults = {};
  private httpServer: Server | undefined;
  private readonly secret: string | undefined;
  private readonly dir: string;

  constructor(options: ConstructorParameters<typeof BlobsServer>[0]) {
    super(options);
    this.secret = options.token;
    this.dir = options.directory;
    const self = this as unknown as { put: Put; delete: Put; get: Put; head: Put };
    const queues = new Map<string, Promise<unknown>>();
    const oneAtATime =
      (method: Put): Put =>
      (req) => {
        const key = new URL(req.url ?? '', 'http://blobs.local').pathname;
        // A store's listing is not about one key: it runs beside the writes, as on Netlify.
        if (!namesKey(key)) return method(req);
        const run = (queues.get(key) ?? Promise.resolve()).then(() => method(req));
        const settled = run.catch(() => undefined);
        queues.set(key, settled);
        void settled.then(() => queues.get(key) === settled && queues.delete(key));
        return run;
      };
    self.put = oneAtATime(self.put.bind(this));
    self.delete = oneAtATime(self.delete.bind(this));
    // Reads of a key wait for its write: the local server writes the data, then the metadata file, so a
    // read between the two would see the new data with the old (or a half-written) metadata.
    self.get = oneAtATime(self.get.bind(this));
    self.head = oneAtATime(self.head.bind(this));
    // A listing walks the whole store and stats every file, whatever its prefix; Netlify's costs the
    // same whatever else the store holds. Start the walk at the prefix's folder instead, so a list's
    // time depends on what it lists (a folder of counters), not on every other folder beside it.
    const list = self as unknown as { listBlobs: (o: { dataPath: string; rootPath: string; url: URL }) => Promise<Response> };
    const listBlobs = list.listBlobs.bind(this);
    list.listBlobs = (options) => {
      const prefix = options.url.searchParams.get('prefix') ?? '';
      const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      return /^[\w.-]+(\/[\w.-]+)*\/$/.test(folder) && !folder.split('/').includes('..')
        ? listBlobs({ ...options, dataPath: join(options.dataPath, folder) })
        : listBlobs(options);
    };
  }

  /** Replaces the faults this server plays (an empty object: a healthy store). */
  setFaults(faults: BlobsFaults): void {
    this.faults = { ...faults };
  }

  override async start(): Promise<{ address: string; family: string; port: number }> {
    await mkdir(this.dir, { recursive: true });
    const handle = (request: Request) => (this as unknown as { handleRequest: (r: Request) => Promise<Response> }).handleRequest(request);
    const server = createServer(async (req, res) => {
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
      if (req.url === FAULTS_PATH) {
        const request = await toRequest(req, origin);
        if (this.secret && request.headers.get('authorization') !== `Bearer ${this.secret}`) {
          res.writeHead(403).end();
          return;
        }
        this.setFaults((await request.json()) as BlobsFaults);
        res.writeHead(204).end();
        return;
      }
      const { latencyMs = 0, conditionalStatus } = this.faults;
      if (latencyMs > 0) await sleep(latencyMs);
      const conditional = req.method === 'PUT' && !!(req.headers['if-match'] || req.headers['if-none-match']);
      if (conditional && conditionalStatus) {
        await toRequest(req, origin);
        res.writeHead(conditionalStatus).end();
        return;
      }
      const response = await handle(await toRequest(req, origin)).catch(() => new Response(null, { status: 500 }));
      if (conditional && response.status === 200 && (this.faults.loseAnswers ?? 0) > 0) {
        // Written, and the answer never arrives: the client sees its connection drop.
        this.faults.loseAnswers = this.faults.loseAnswers! - 1;
        req.socket.destroy();
        return;
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    const wanted = (this as unknown as { port?: number }).port ?? 0;
    await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.httpServer = server;
    const address = `http://127.0.0.1:${port}`;
    (this as unknown as { address: string }).address = address;
    return { address, family: 'ipv4', port };
  }

  override async stop(): Promise<void> {
    const server = this.httpServer;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Sets the faults of a LocalBlobsServer running in another process (the benches'). */
export async function setRemoteFaults(port: number, token: string, faults: BlobsFaults): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${FAULTS_PATH}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    // JSON has no Infinity: "every answer lost" travels as the largest safe count.
    body: JSON.stringify({ ...faults, ...(faults.loseAnswers === Infinity ? { loseAnswers: Number.MAX_SAFE_INTEGER } : {}) }),
  });
  if (res.status !== 204) throw new Error(`the Blobs server refused its faults (${res.status})`);
}
