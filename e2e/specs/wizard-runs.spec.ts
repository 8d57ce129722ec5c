import { expect, test } from '../fixtures.js';
import { connectBoth, navStep, pullAndSaveMapping } from './wizard-helpers.js';

test.describe('Wizard: long runs', () => {
  test('a running stage shows progress and can be cancelled', async ({ page, bridge, sims }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);
    // A slow Go.Data keeps the run going long enough to cancel it.
    sims.godata.faults.configure({ latencyMs: 1500 });

    await page.getByRole('button', { name: 'Next: Locations' }).click();
    const panel = page.getByRole('region', { name: 'Locations', exact: true });
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(panel.getByRole('progressbar', { name: 'Locations progress' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();

    await expect(panel.getByText(/^Run \d+: Cancelled$/)).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden();
    // Stopped, not "Ready": running again resumes the cancelled run, unless a full re-sync starts over.
    await expect(panel.getByText('Stopped — run again to resume')).toBeVisible();
    await expect(navStep(page, /^Locations/)).toContainText('Stopped');
    await expect(panel.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();
    await panel.getByLabel('Full re-sync').check();
    await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    await panel.getByLabel('Full re-sync').uncheck();

    // A locked stage offers no re-sync either.
    await navStep(page, /^Outbreaks/).click();
    const outbreaks = page.getByRole('region', { name: 'Outbreaks', exact: true });
    await expect(outbreaks.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    await expect(outbreaks.getByLabel('Full re-sync')).toBeDisabled();
  });
});
