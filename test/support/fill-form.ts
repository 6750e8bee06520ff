import type { Page } from 'playwright-core';

import type { Person } from '../../tools/people';

/** Types an ISO date into a three-field date (day, month, year), as a person would: no leading zeros. */
export async function fillDate(page: Page, id: string, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.fill(`#${id}`, String(Number(d)));
  await page.fill(`#${id}-month`, String(Number(m)));
  await page.fill(`#${id}-year`, y!);
}

/** Types a person into the registration form; `chosen` skips destination and sector (preselected). */
export async function fillRegistration(page: Page, p: Person, { chosen = false } = {}) {
  await page.fill('#f-fullName', p.fullName);
  await page.fill('#f-nik', p.nik);
  await fillDate(page, 'f-birthDate', p.birthDate);
  await page.fill('#f-phone', p.phone);
  await page.selectOption('#f-district', p.district);
  await page.selectOption('#f-education', p.education);
  if (!chosen) {
    for (const d of p.destinations) await page.check(`input[name=destinations][value="${d}"]`);
    await page.selectOption('#f-sector', p.sector);
  }
  await page.check(`input[name=languageLevel][value="${p.languageLevel}"]`);
  if (p.consent) await page.check('#f-consent');
}

/**
 * Waits until the page's own script has arrived: it loads after the first paint (src/server/own-scripts.ts),
 * so a test that means to exercise the enhanced form waits for it, as a person's first tap usually does.
 */
export async function enhanced(page: Page, script: 'register-form' | 'search' = 'register-form') {
  await page.waitForSelector(`html[data-own-script="${script}"]`, { state: 'attached' });
}
