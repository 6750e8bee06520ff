// How staff log in to the CMS in production, chosen by one setting (CMS_BACKEND in Netlify's
// environment), so switching needs no code. docs/cms.md compares the options. What each needs:
//   git-gateway (default)  Netlify Identity + Git Gateway: staff log in by email; Netlify calls Git
//                          Gateway deprecated (security fixes only)
//   github                 every editor has a GitHub account with write access to CMS_REPO
//   decapbridge            DecapBridge's hosted login and gateway (email invites), site id in
//                          CMS_DECAPBRIDGE_SITE and the repository in CMS_REPO
// The choice also decides whether /admin loads Netlify's Identity widget and which origins its
// Content-Security-Policy lets the page talk to.

type CmsBackendName = 'git-gateway' | 'github' | 'decapbridge';

export interface CmsBackend {
  name: CmsBackendName;
  /** Decap's `backend` block. */
  config: Record<string, unknown>;
  /** /admin loads netlify-identity-widget (Netlify Identity's login). */
  identityWidget: boolean;
  /** Origins /admin must reach besides its own. */
  connect: string[];
}

const REPO = /^[\w.-]+\/[\w.-]+$/;

/** The backend from the environment; a setting that is incomplete is an error the build reports. */
export function cmsBackendFromEnv(env: Record<string, string | undefined> = process.env, branch = 'main'): CmsBackend {
  const name = (env.CMS_BACKEND || 'git-gateway') as CmsBackendName;
  const repo = env.CMS_REPO ?? '';
  const common = { branch, squash_merges: true };
  switch (name) {
    case 'git-gateway':
      return { name, config: { name: 'git-gateway', ...common }, identityWidget: true, connect: [] };
    case 'github':
      if (!REPO.test(repo)) throw new Error('CMS_BACKEND=github needs CMS_REPO=owner/repository');
      return { name, config: { name: 'github', repo, ...common }, identityWidget: false, connect: ['https://api.github.com'] };
    case 'decapbridge': {
      const site = env.CMS_DECAPBRIDGE_SITE ?? '';
      if (!REPO.test(repo) || !/^[\w-]+$/.test(site))
        throw new Error('CMS_BACKEND=decapbridge needs CMS_REPO=owner/repository and CMS_DECAPBRIDGE_SITE');
      return {
        name,
        config: {
          name: 'git-gateway',
          repo,
          ...common,
          identity_url: `https://auth.decapbridge.com/sites/${site}`,
          gateway_url: 'https://gateway.decapbridge.com',
        },
        identityWidget: false,
        connect: ['https://auth.decapbridge.com', 'https://gateway.decapbridge.com'],
      };
    }
    default:
      throw new Error(`CMS_BACKEND "${String(name)}" is not one of git-gateway, github, decapbridge`);
  }
}
