import { describe, expect, it } from 'vitest';

import { MAX_BODY_BYTES, parseBody, readCapped, wantsJson } from '../../../src/server/request-body';

const post = (body: BodyInit | null, type = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) =>
  new Request('http://site.test/api/register', {
    method: 'POST',
    body,
    headers: { 'Content-Type': type, ...headers },
    duplex: 'half',
  } as RequestInit);

/** A chunked body (no Content-Length) that counts how much of it was read. */
function endless(chunk: number, chunks: number) {
  let served = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (served >= chunks) return controller.close();
      served++;
      controller.enqueue(new Uint8Array(chunk).fill(97));
    },
  });
  return { stream, served: () => served };
}

describe('parseBody', () => {
  it.each([
    ['a form post, a repeated key becomes a list', post('a=1&b=2&b=3'), { ok: true, raw: { a: '1', b: ['2', '3'] } }],
    ['a JSON object', post('{"a":1}', 'application/json'), { ok: true, json: true, raw: { a: 1 } }],
    ['JSON that is not an object', post('[1]', 'application/json'), { ok: false, json: true, status: 400 }],
    ['broken JSON', post('{', 'application/json'), { ok: false, json: true, status: 400 }],
    ['bytes that are not UTF-8', post(new Uint8Array([0xff, 0xfe])), { ok: false, status: 400 }],
    ['another media type', post('x', 'text/plain'), { ok: false, status: 415 }],
    [
      'a declared length over the cap',
      post('a=1', undefined, { 'Content-Length': String(MAX_BODY_BYTES + 1) }),
      { ok: false, status: 413 },
    ],
    ['a body over the cap', post('a='.padEnd(MAX_BODY_BYTES + 10, 'x')), { ok: false, status: 413 }],
  ])('%s', async (_why, req, expected) => {
    expect(await parseBody(req)).toMatchObject(expected);
  });

  it('stops reading a chunked body as soon as it passes the cap (64 MiB offered, little read)', async () => {
    const body = endless(64 * 1024, 1024);
    expect(await parseBody(post(body.stream))).toMatchObject({ ok: false, status: 413 });
    expect(body.served()).toBeLessThanOrEqual(3);
  });

  it('readCapped returns the bytes under the cap', async () => {
    expect(new TextDecoder().decode((await readCapped(post('a=1'), 10)) as Uint8Array)).toBe('a=1');
    expect(await readCapped(post('a=12345678901'), 10)).toBe('too-large');
  });
});

describe('wantsJson', () => {
  it.each([
    ['a JSON body', post('{}', 'application/json'), true, true],
    ['a form post from the page script', post('', undefined, { Accept: 'application/json' }), false, true],
    ['a plain form post', post(''), false, false],
  ])('%s', (_why, req, jsonBody, expected) => {
    expect(wantsJson(req, jsonBody)).toBe(expected);
  });
});
