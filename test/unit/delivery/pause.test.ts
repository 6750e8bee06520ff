import { describe, expect, it } from 'vitest';

import { pauseLength, RATE_LIMIT_PAUSE_MS } from '../../../src/delivery/pause';

describe('how long delivery pauses after Airtable fails', () => {
  it.each([
    ['a 429: Airtable’s 30 s, however many in a row', 'RATE_LIMIT 429', 4, RATE_LIMIT_PAUSE_MS],
    ['the first 5xx: 5 s', 'SERVICE_UNAVAILABLE 503', 1, 5_000],
    ['the third failure in a row: 20 s', 'TIMEOUT', 3, 20_000],
    ['many failures: at most 5 minutes', 'AUTHENTICATION_REQUIRED 401', 20, 300_000],
  ])('%s', (_why, reason, failures, ms) => {
    expect(pauseLength(reason, failures)).toBe(ms);
  });

  it('shorter times for tests keep the same shape', () => {
    expect(pauseLength('X 429', 1, { rateLimitMs: 1600 })).toBe(1600);
    expect(pauseLength('X 500', 2, { firstMs: 150 })).toBe(300);
  });
});
