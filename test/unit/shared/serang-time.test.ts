import { describe, expect, it } from 'vitest';

import { todayInSerang } from '../../../src/shared/serang-time';

describe('today in Kota Serang', () => {
  it('counts the day in Kota Serang (WIB), not in UTC', () => {
    expect(todayInSerang(new Date('2026-11-27T17:30:00Z'))).toBe('2026-11-28');
    expect(todayInSerang(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });
});
