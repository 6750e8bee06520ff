import { describe, expect, it } from 'vitest';

import { backoffMs } from '../../../src/delivery/queue';
import { dueKey, entryOf, heldKey } from '../../../src/delivery/queue-keys';

describe('key layout', () => {
  it('a due key: minute folder, second folder, then the sortable time and the reference', () => {
    const key = dueKey({ reference: 'SRG-ABCDEF', createdAt: '2026-11-29T06:19:03.123Z' });
    expect(key).toBe('due/20261129T0619/03/20261129T061903123Z_SRG-ABCDEF');
    expect(entryOf(key)).toEqual({ key, reference: 'SRG-ABCDEF', at: '2026-11-29T06:19:03.123Z' });
  });

  it('a held key sorts by the end of its backoff', () => {
    const key = heldKey({ reference: 'SRG-ABCDEF', notBefore: '2026-11-29T07:00:00.000Z' });
    expect(key).toBe('held/20261129T070000000Z_SRG-ABCDEF');
    expect(entryOf(key).at).toBe('2026-11-29T07:00:00.000Z');
  });

  it('keys of later records sort after earlier ones, across minutes and seconds', () => {
    const times = ['2026-11-29T06:19:59.999Z', '2026-11-29T06:20:00.000Z', '2026-11-29T06:20:00.001Z', '2026-12-01T00:00:00.000Z'];
    const keys = times.map((createdAt, i) => dueKey({ reference: `SRG-AAAAA${i + 2}`, createdAt }));
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('backoff of a record Airtable refused', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [6, 32],
    [7, 60],
    [50, 60],
  ])('after %i refusals: %i minutes', (attempts, minutes) => {
    expect(backoffMs(attempts)).toBe(minutes * 60_000);
  });
});
