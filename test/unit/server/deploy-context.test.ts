import { describe, expect, it } from 'vitest';

import { handlesRegistrations } from '../../../src/server/deploy-context';

const ctx = (context: string, published?: boolean) =>
  ({ deploy: { context, id: 'd', ...(published === undefined ? {} : { published }) } }) as never;

describe('handlesRegistrations fails closed', () => {
  it.each([
    ['the live production deploy', ctx('production', true), {}, true],
    ['netlify dev', ctx('dev'), {}, true],
    ['the npm start emulation (empty name, "not published") on the dev server', ctx('', false), { SITE_DEV_SERVER: '1' }, true],
    ['an empty name anywhere else', ctx(''), {}, false],
    ['no context at all', undefined, {}, false],
    ['a Deploy Preview', ctx('deploy-preview', false), {}, false],
    ['a branch deploy', ctx('branch-deploy', false), {}, false],
    ['an old production deploy (its permalink)', ctx('production', false), {}, false],
    ['an unknown context name', ctx('staging', true), {}, false],
  ])('%s', (_why, context, env, expected) => {
    expect(handlesRegistrations(context, env)).toBe(expected);
  });
});
