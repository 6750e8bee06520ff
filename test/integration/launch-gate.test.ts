import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registerHandler } from '../../netlify/functions/register';
import { t } from '../../src/i18n';
import { gateGaps } from '../../src/registration/launch-gate';
import { readSettings } from '../../tools/launch-check';
import { formBody, person } from '../../tools/people';
import { startRegistrationEnv } from '../../tools/registration-env';
import { fixtureContentCopy, type LaunchFacts, removeContentCopy } from '../support/fixture-content';
import { fixtureProject } from '../support/fixture-site';

// No NIK before the city is named in the notice: the production function, with the launch facts empty
// (the tests' content, as the site stands before launch), refuses with the "opens soon" page and stores
// nothing; with the facts filled it accepts. npm start's dev server is not production and is not gated.

let env: Awaited<ReturnType<typeof startRegistrationEnv>>;
beforeAll(async () => {
  env = await startRegistrationEnv({ requestsPerSecond: 1000, project: fixtureProject() });
});
afterAll(() => env?.close());

const post = (body: string) =>
  fetch(`${env.site.url}/api/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
const writes = () => env.blobRequests.filter((r) => r.type === 'set').length;
/** The gate's gaps for the tests' content with its launch facts empty or filled. */
async function gapsWith(facts: LaunchFacts) {
  const content = await fixtureContentCopy(facts);
  try {
    return gateGaps(await readSettings(content));
  } finally {
    await removeContentCopy(content);
  }
}

describe('the production gate', () => {
  it('with the launch facts empty: "opens soon", 403, nothing stored', async () => {
    const gaps = await gapsWith('empty');
    expect(gaps).toEqual(['controllerContact', 'officer', 'officerContact', 'apjatiRole', 'retention', 'contactChannel']);
    env.setConfig({ gate: gaps });
    try {
      const before = writes();
      const res = await post(formBody(person()));
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(parse(html).querySelector('main h1')?.text.trim()).toBe(t('id', 'reg.soon.title'));
      expect(parse(html).querySelector('main .lead')?.text.trim()).toBe(t('id', 'reg.soon.text'));
      expect(writes()).toBe(before);
      // Scripts get the same refusal as JSON.
      const json = await fetch(`${env.site.url}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(person()),
      });
      expect(json.status).toBe(403);
      expect(writes()).toBe(before);
      // npm start's dev server (no context name) is not the live production deploy: not gated.
      const site = { config: { ...env.config, gate: gaps }, shells: (await import('../../src/site-data')).builtSiteData()!.shells };
      process.env.SITE_DEV_SERVER = '1';
      const dev = await registerHandler(() => site)(
        new Request(`${env.site.url}/api/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: formBody(person()),
        }),
        { deploy: { context: '', published: false } } as never,
      );
      delete process.env.SITE_DEV_SERVER;
      expect(dev.status).toBe(303);
    } finally {
      env.setConfig({});
    }
  });

  it('with the launch facts filled: accepted', async () => {
    const gaps = await gapsWith('filled');
    expect(gaps).toEqual([]);
    env.setConfig({ gate: gaps });
    const res = await post(formBody(person()));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/terima-kasih\/\?ref=SRG-/);
  });
});
