import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_CREDENTIALS } from '../../simulators/demo.js';

/** Steps the wizard specs share, written the way a person goes through the screens. */

export async function connectBoth(page: Page, urls: { dhis2: string; godata: string }): Promise<void> {
  await navStep(page, /^Connect/).click();
  const dhis2 = page.getByRole('region', { name: 'DHIS2' });
  await dhis2.getByLabel('DHIS2 URL').fill(urls.dhis2);
  await dhis2.getByLabel('Username').fill(DEMO_CREDENTIALS.dhis2.username);
  await dhis2.getByLabel('Password').fill(DEMO_CREDENTIALS.dhis2.password);
  await dhis2.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dhis2.getByText('A password is stored.')).toBeVisible();
  await expectSavedForm(dhis2);
  await dhis2.getByRole('button', { name: 'Test connection' }).click();
  await expect(dhis2.getByText('Connection works')).toBeVisible();

  const godata = page.getByRole('region', { name: 'Go.Data' });
  await godata.getByLabel('Go.Data URL').fill(urls.godata);
  await godata.getByLabel('Email').fill(DEMO_CREDENTIALS.godata.username);
  await godata.getByLabel('Password').fill(DEMO_CREDENTIALS.godata.password);
  await godata.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(godata.getByText('A password is stored.')).toBeVisible();
  await expectSavedForm(godata);
  await godata.getByRole('button', { name: 'Test connection' }).click();
  await expect(godata.getByText('Connection works')).toBeVisible();
}

/** After a save the typed secret is gone from the field and nothing reads as unsaved. */
async function expectSavedForm(card: Locator): Promise<void> {
  await expect(card.getByLabel('Password')).toHaveValue('');
  await expect(card.getByText(/^Unsaved changes/)).toBeHidden();
}

export async function pullAndSaveMapping(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next: Mappings' }).click();
  await page.getByRole('button', { name: 'Pull DHIS2 metadata' }).click();
  await expect(page.getByRole('button', { name: 'Pull again' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/pulled .*\d/)).toBeVisible();
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await expect(page.getByRole('button', { name: 'Next: Locations' })).toBeVisible();
}

/** Runs the stage shown in the region `name` and waits until its panel says it finished. */
export async function runStage(page: Page, name: string): Promise<void> {
  const panel = page.getByRole('region', { name, exact: true });
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel.getByText(/^Run \d+:/)).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByText('Completed')).toBeVisible({ timeout: 90_000 });
}

export function navStep(page: Page, label: RegExp) {
  return page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: label });
}
