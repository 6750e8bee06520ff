import { describe, expect, it } from 'vitest';

import { projectSources, violations } from '../../../tools/import-rules';

describe('import directions', () => {
  it('hold across the project', async () => {
    const files = await projectSources();
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it.each([
    [
      'content importing registration',
      'src/content/routes.ts',
      "import { fields } from '../registration/fields';",
      'content may import only',
    ],
    [
      'content importing delivery',
      'src/content/vacancies.ts',
      "import { putOutbox } from '../delivery/outbox';",
      'content may import only',
    ],
    [
      'a basic importing a capability',
      'src/server/respond.ts',
      "import type { RegistrationConfig } from '../registration/config';",
      'server may import only',
    ],
    [
      'registration importing delivery',
      'src/registration/validate.ts',
      "import { COLUMNS } from '../delivery/airtable';",
      'registration may import only',
    ],
    [
      'a function importing the stand-in',
      'netlify/functions/register.ts',
      "import { AirtableStandin } from '../../tools/airtable-standin/server';",
      'shipped code never imports tools/',
    ],
    [
      'a component importing test support',
      'src/components/X.astro',
      "import { person } from '../../test/support/people';",
      'shipped code never imports test/',
    ],
    ['a tool importing test support', 'tools/dev.ts', "import { x } from '../test/support/axe';", 'tools never import test/'],
    [
      'a delivery module importing the Airtable SDK',
      'src/delivery/retention.ts',
      "import Airtable from 'airtable';",
      'only src/delivery/airtable-sdk.ts',
    ],
    [
      'a capability taking slots from the budget itself',
      'src/status/check.ts',
      "import { sharedBudget } from '../delivery/airtable-budget';",
      'only src/delivery/airtable.ts',
    ],
    [
      'the page script importing server code',
      'src/scripts/register-form.ts',
      "import { esc } from '../shared/html';",
      'scripts may import only',
    ],
  ])('fail on %s', (_why, path, source, rule) => {
    const found = violations([{ path, source }]);
    expect(found).toHaveLength(1);
    expect(found[0]!.rule).toContain(rule);
  });

  it.each([
    [
      'a function using capabilities',
      'netlify/functions/register.ts',
      "import { validateRegistration } from '../../src/registration/validate';",
    ],
    ['delivery using registration', 'src/delivery/airtable.ts', "import { fields } from '../registration/fields';"],
    [
      'the Airtable client using the SDK and the budget',
      'src/delivery/airtable.ts',
      "import { sdkTable } from './airtable-sdk';\nimport { sharedBudget } from './airtable-budget';",
    ],
    ['the SDK boundary importing the SDK', 'src/delivery/airtable-sdk.ts', "import Airtable from 'airtable';"],
    [
      'a test using the budget',
      'test/unit/delivery/airtable-budget.test.ts',
      "import { nextAllowed } from '../../../src/delivery/airtable-budget';",
    ],
    ['a page using anything shipped', 'src/pages/x.astro', "import { SHELL_SLOTS } from '../server/page-shell';"],
  ])('allow %s', (_why, path, source) => {
    expect(violations([{ path, source }])).toEqual([]);
  });
});
