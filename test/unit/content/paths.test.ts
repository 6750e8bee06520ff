import { describe, expect, it } from 'vitest';

import { pathFor, sectionPath } from '../../../src/content/paths';

describe('site paths', () => {
  it.each([
    // Indonesian is the default language and has no prefix.
    [pathFor('id'), '/'],
    [pathFor('en'), '/en/'],
    [pathFor('id', 'persyaratan'), '/persyaratan/'],
    [pathFor('en', 'a', '', 'b'), '/en/a/b/'],
    [sectionPath('id', 'registerThanks'), '/daftar/terima-kasih/'],
    [sectionPath('en', 'destinations', 'jepang'), '/en/destinations/jepang/'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
