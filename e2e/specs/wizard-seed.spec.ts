import fs from 'node:fs';
import { expect, test } from '../fixtures.js';
import { connectBoth, navStep, pullAndSaveMapping, runStage } from './wizard-helpers.js';

test.describe('Wizard: seeding a blank Go.Data', () => {
  test('walks Connect → Mappings → Locations → Outbreaks → Cases / Events → Contacts', async ({
    page,
    bridge,
    sims,
  }) => {
    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: 'Seed a blank Go.Data from DHIS2' })).toBeVisible();
    // Main locks every stage until the servers are connected; the wizard only shows why.
    await expect(navStep(page, /^Locations/)).toContainText('Locked');

    await page.getByRole('button', { name: 'Start with Connect' }).click();
    const godata = page.getByRole('region', { name: 'Go.Data' });
    await godata.getByLabel('Go.Data URL').fill('not an address');
    await godata.getByLabel('Email').fill('admin@who.int');
    await godata.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(godata.getByText(/Enter a full address/)).toBeVisible();
    // What was typed is still there after a look at another step.
    await navStep(page, /^Start/).click();
    await navStep(page, /^Connect/).click();
    await expect(godata.getByLabel('Go.Data URL')).toHaveValue('not an address');
    await expect(godata.getByLabel('Email')).toHaveValue('admin@who.int');

    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await expect(navStep(page, /^Connect/)).toContainText('Done');

    await pullAndSaveMapping(page);
    await expect(navStep(page, /^Locations/)).toContainText('Ready');

    await page.getByRole('button', { name: 'Next: Locations' }).click();
    await runStage(page, 'Locations');
    const locations = page.getByRole('region', { name: 'Locations', exact: true });
    await expect(locations.getByRole('table', { name: /Records of run/ })).toContainText('Created');
    await locations.getByRole('button', { name: 'Check for changes in the DHIS2 tree' }).click();
    await expect(locations.getByText('No changes')).toBeVisible();

    await page.getByRole('button', { name: 'Next: Outbreaks' }).click();
    await runStage(page, 'Outbreaks');

    await page.getByRole('button', { name: 'Next: Cases / Events' }).click();
    await runStage(page, 'Cases');
    await page.getByRole('tab', { name: /Events/ }).click();
    await runStage(page, 'Events');

    await page.getByRole('button', { name: 'Next: Contacts' }).click();
    await runStage(page, 'Contacts');
    const contacts = page.getByRole('region', { name: 'Contacts', exact: true });
    await expect(navStep(page, /^Contacts/)).toContainText('Finished');
    await expect(page.getByRole('status').filter({ hasText: 'All stages done' })).toBeVisible();

    // Records can be filtered by outcome and the run exported as a report file.
    await contacts.getByLabel('Outcome').click();
    await page.getByRole('option', { name: 'Created' }).click();
    await expect(
      contacts
        .getByRole('table', { name: /Records of run/ })
        .getByText('Created')
        .first(),
    ).toBeVisible();
    await contacts.getByRole('tab', { name: 'Report' }).click();
    await contacts.getByRole('button', { name: 'Export CSV' }).click();
    const saved = contacts.getByText(/rows written to/);
    await expect(saved).toBeVisible();
    const path = (await saved.locator('code').textContent()) ?? '';
    expect(fs.existsSync(path)).toBe(true);

    await page.getByRole('button', { name: 'Open History' }).click();
    const runs = page.getByRole('table', { name: 'Runs' });
    for (const stage of ['Locations', 'Outbreaks', 'Cases', 'Events', 'Contacts']) {
      await expect(runs.getByRole('cell', { name: stage, exact: true })).toBeVisible();
    }
  });

  test('"Run all remaining stages" runs the stages in order after set-up', async ({ page, bridge, sims }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);

    await navStep(page, /^Start/).click();
    await page.getByRole('button', { name: 'Run all remaining stages' }).click();
    await expect(page.getByText('All done')).toBeVisible({ timeout: 110_000 });
    for (const step of [/^Locations/, /^Outbreaks/, /^Cases \/ Events/, /^Contacts/]) {
      await expect(navStep(page, step)).toContainText('Finished');
    }
    const runs = bridge.store.targetOfRun()?.runs.list(10) ?? [];
    expect(runs.map((r) => r.stage).reverse()).toEqual([
      'locations',
      'outbreaks',
      'cases',
      'events',
      'contacts',
    ]);
  });
});
