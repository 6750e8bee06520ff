// Netlify Blobs' local server on its own, for the bench: prints its port, serves until killed.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalBlobsServer } from './local-blobs';

const server = new LocalBlobsServer({ directory: await mkdtemp(join(tmpdir(), 'bench-blobs-')), token: 'blobs-token', port: 0 });
const { port } = await server.start();
console.log(port);
