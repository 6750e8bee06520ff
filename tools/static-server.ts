import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

import { contentTypeFor } from '../src/shared/content-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers take Netlify's full Context; the server hands them its deploy and ip only
export type Handler = (req: Request, context?: any) => Promise<Response>;

/** What a handler reads of Netlify's context: the deploy it runs on and the client's address. */
export interface FunctionContext {
  deploy: { context: string; published: boolean };
  ip: string;
}

/** The live production deploy, as Netlify describes it to a function; `ip` is the client's. */
export const productionContext = (ip = '127.0.0.1'): FunctionContext => ({ deploy: { context: 'production', published: true }, ip });

/** Netlify's _headers file: path patterns (with *) and the headers for them. */
async function readHeaders(root: string): Promise<{ pattern: RegExp; headers: Record<string, string> }[]> {
  const rules: { pattern: RegExp; headers: Record<string, string> }[] = [];
  const text = await readFile(join(root, '_headers'), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (/^\S/.test(line))
      rules.push({
        pattern: new RegExp(
          `^${line
            .trim()
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')}$`,
        ),
        headers: {},
      });
    else if (line.includes(':') && rules.length) {
      const i = line.indexOf(':');
      rules[rules.length - 1]!.headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

/** Reads a Node request into a WHATWG Request, as Netlify hands one to a function. */
async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
}

/**
 * Serves a built site the way Netlify does for our purposes: directory index.html, 404.html for
 * missing paths, and function handlers at their paths. Used by browser tests and the bench.
 */
export async function serveSite(
  root: string,
  routes: Record<string, Handler> = {},
  options: {
    adjustHeaders?: (path: string, headers: Record<string, string>) => Record<string, string>;
    /** Only gzip, as an independent Lighthouse run against a plain server measures (the bench). */
    gzipOnly?: boolean;
  } = {},
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const headerRules = await readHeaders(root);
  // Where several rules match, a header named twice is joined with a comma, the strictest reading of
  // Netlify's merge: two CSPs would then both apply, so overlapping rules show up as broken pages.
  const headersFor = (path: string) => {
    const extra: Record<string, string> = {};
    for (const rule of headerRules.filter((r) => r.pattern.test(path))) {
      for (const [k, v] of Object.entries(rule.headers)) extra[k] = extra[k] ? `${extra[k]}, ${v}` : v;
    }
    return options.adjustHeaders ? options.adjustHeaders(path, extra) : extra;
  };
  const server = createServer(async (req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url ?? '/', origin);
    const handler = routes[url.pathname];
    if (handler) {
      // As on Netlify, a function that throws becomes a 500 (the tests then see it and fail).
      // As Netlify would: the live production deploy, the client's address (a test may name one).
      const ip = String(req.headers['x-nf-client-connection-ip'] ?? req.socket.remoteAddress ?? '');
      const response = await handler(await toRequest(req, origin), productionContext(ip)).catch(
        (e: unknown) => new Response(`function threw: ${(e as Error).name}`, { status: 500 }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, rel);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = contentTypeFor(file);
      // As Netlify's CDN does: text goes compressed (brotli, else gzip) when the client accepts it, so
      // the benches measure the bytes a phone actually receives.
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const text = /^(text\/|application\/(javascript|json|xml)|image\/svg)/.test(type);
      const encoding = text
        ? !options.gzipOnly && /\bbr\b/.test(accepts)
          ? 'br'
          : /\bgzip\b/.test(accepts)
            ? 'gzip'
            : undefined
        : undefined;
      const sent = encoding === 'br' ? brotliCompressSync(body) : encoding === 'gzip' ? gzipSync(body) : body;
      res.writeHead(200, {
        ...headersFor(url.pathname),
        'Content-Type': type,
        ...(encoding ? { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' } : {}),
      });
      res.end(sent);
    } catch {
      // As Netlify: the rules of the address asked for, which for a missing page is only "/*".
      res.writeHead(404, { ...headersFor(url.pathname), 'Content-Type': contentTypeFor('404.html') });
      res.end(await readFile(join(root, '404.html')).catch(() => 'Not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
