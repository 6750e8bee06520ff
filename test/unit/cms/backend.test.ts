import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { adminCsp } from '../../../src/cms/admin-csp';
import { cmsBackendFromEnv } from '../../../src/cms/backend';
import { cmsConfigYaml } from '../../../src/cms/config';
import { launchItems, readSettings } from '../../../tools/launch-check';

/** The tests' own content (a frozen copy): what staff change in content/ never moves these counts. */
const FIXTURE = 'test/fixtures/content';

// The production login comes from one setting: the generated config.yml, the Identity widget and the
// /admin policy all follow CMS_BACKEND, so switching needs no code.

describe('CMS_BACKEND', () => {
  it('defaults to Git Gateway with Netlify Identity', () => {
    const b = cmsBackendFromEnv({});
    expect(b).toMatchObject({ name: 'git-gateway', identityWidget: true, connect: [] });
    expect(parseYaml(cmsConfigYaml({ backend: b })).backend).toEqual({ name: 'git-gateway', branch: 'main', squash_merges: true });
  });

  it("github: the repository in config.yml, no Identity widget, GitHub's API allowed", () => {
    const b = cmsBackendFromEnv({ CMS_BACKEND: 'github', CMS_REPO: 'pemkot-serang/kerja-luar-negeri' });
    expect(parseYaml(cmsConfigYaml({ backend: b })).backend).toMatchObject({ name: 'github', repo: 'pemkot-serang/kerja-luar-negeri' });
    expect(b.identityWidget).toBe(false);
    expect(adminCsp({ connect: b.connect })).toMatch(/connect-src 'self' https:\/\/api\.github\.com;/);
  });

  it("decapbridge: git-gateway pointed at DecapBridge's login and gateway", () => {
    const b = cmsBackendFromEnv({
      CMS_BACKEND: 'decapbridge',
      CMS_REPO: 'pemkot-serang/kerja-luar-negeri',
      CMS_DECAPBRIDGE_SITE: 'abc-123',
    });
    expect(b.config).toMatchObject({
      name: 'git-gateway',
      identity_url: 'https://auth.decapbridge.com/sites/abc-123',
      gateway_url: 'https://gateway.decapbridge.com',
    });
    expect(adminCsp({ connect: b.connect })).toContain('https://auth.decapbridge.com');
  });

  it.each([
    [{ CMS_BACKEND: 'github' }, /CMS_REPO/],
    [{ CMS_BACKEND: 'decapbridge', CMS_REPO: 'a/b' }, /CMS_DECAPBRIDGE_SITE/],
    [{ CMS_BACKEND: 'wordpress' }, /not one of/],
  ])('an incomplete or unknown setting is refused with what to set: %o', (env, message) => {
    expect(() => cmsBackendFromEnv(env)).toThrow(message);
  });

  it('the launch check names the chosen backend and reports a broken setting', async () => {
    const settings = await readSettings(FIXTURE);
    const item = (env: Record<string, string>) => launchItems(settings, env).find((i) => i.what.startsWith('Login CMS'))!;
    expect(item({ CMS_BACKEND: 'github', CMS_REPO: 'a/b', CMS_LOGIN_READY: '1' })).toMatchObject({
      what: 'Login CMS untuk petugas (CMS_BACKEND=github)',
      ok: true,
    });
    expect(item({ CMS_BACKEND: 'github' })).toMatchObject({ ok: false, where: expect.stringMatching(/CMS_REPO/) });
  });
});
