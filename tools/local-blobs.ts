import { stat } from 'node:fs/promises';

import { BlobsServer } from '@netlify/blobs/server';

// Netlify Blobs' own local server, made to keep the promise Netlify's service makes: a conditional
// write (onlyIfNew, onlyIfMatch) is atomic. The local server checks, then writes, with awaits between,
// so two simultaneous create-only writes can both succeed; and its ETag is a hash of the path and the
// modification time in milliseconds, so two writes within one millisecond share an ETag. Here writes
// to one key are taken one at a time, and the ETag also names the file's inode and size (every write
// renames a new file into place). Tests, `npm start`'s helpers and the benches use this class.

type Put = (req: Request) => Promise<Response>;

const strongerETag = async (filePath: string): Promise<string> => {
  try {
    const s = await stat(filePath, { bigint: true });
    return `"${s.ino}-${s.size}-${s.mtimeNs}"`;
  } catch {
    return '';
  }
};
(BlobsServer as unknown as { generateETag: (p: string) => Promise<string> }).generateETag = strongerETag;

export class LocalBlobsServer extends BlobsServer {
  constructor(options: ConstructorParameters<typeof BlobsServer>[0]) {
    super(options);
    const self = this as unknown as { put: Put; delete: Put };
    const queues = new Map<string, Promise<unknown>>();
    const oneAtATime =
      (method: Put): Put =>
      (req) => {
        const key = new URL(req.url ?? '', 'http://blobs.local').pathname;
        const run = (queues.get(key) ?? Promise.resolve()).then(() => method(req));
        const settled = run.catch(() => undefined);
        queues.set(key, settled);
        void settled.then(() => queues.get(key) === settled && queues.delete(key));
        return run;
      };
    self.put = oneAtATime(self.put.bind(this));
    self.delete = oneAtATime(self.delete.bind(this));
  }
}
