import { describe, expect, it } from 'vitest';

import { isReference, newReference } from '../../../src/registration/reference';

describe('reference numbers', () => {
  it('are SRG- and six characters without 0, O, 1 or I, and differ', () => {
    const refs = new Set(Array.from({ length: 2000 }, newReference));
    expect(refs.size).toBe(2000);
    for (const r of refs) {
      expect(r).toMatch(/^SRG-[A-Z2-9]{6}$/);
      expect(r.slice(4)).not.toMatch(/[01OI]/);
      expect(isReference(r)).toBe(true);
    }
  });

  it.each(['SRG-ABC0EF', 'SRG-ABCDE', 'srg-abcdef', 'SRG-ABCDEFG', '<script>'])('rejects %s', (bad) => {
    expect(isReference(bad)).toBe(false);
  });
});
