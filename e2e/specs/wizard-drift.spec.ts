import { expect, test } from '../fixtures.js';
import { connectBoth, pullAndSaveMapping, runStage } from './wizard-helpers.js';

// Sierra Leone units of the real demo tree (dhis2-api.md §11).
const NGELEHUN_CHC = 'DiszpKrYNg8';
const BADJIA = 'YuQRtpLP10I';
const BO = 'O6uvpzGd5pu';

test.describe('Wizard: DHIS2 tree changes after seeding', () => {
  test('detects added, renamed, moved and closed org units, and mirrors them only on request', async ({
    page,
    bridge,
    sims,
  }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);
    await page.getByRole('button', { name: 'Next: Locations' }).click();
    await runStage(page, 'Locations');

    const data = sims.dhis2.data;
    const added = data.addOrgUnit({ name: 'Bridge Test MCHP', parent: BADJIA, code: 'OU_E2E_1' });
    data.renameOrgUnit(NGELEHUN_CHC, 'Ngelehun Community Health Centre');
    const njandama = 'g8upMTyEZGZ';
    data.moveOrgUnit(njandama, BO);
    const closedUnit = 'Rp268JB6Ne4';
    data.closeOrgUnit(closedUnit);

    const locations = page.getByRole('region', { name: 'Locations', exact: true });
    await locations.getByRole('button', { name: 'Check for changes in the DHIS2 tree' }).click();
    await expect(locations.getByRole('region', { name: 'Added org units' })).toContainText(
      'Bridge Test MCHP',
    );
    await expect(locations.getByRole('region', { name: 'Renamed org units' })).toContainText(
      'Ngelehun Community Health Centre',
    );
    await expect(locations.getByRole('region', { name: 'Moved org units' })).toContainText(
      `/${BO}/${njandama}`,
    );
    await expect(locations.getByRole('region', { name: 'Closed org units' })).toContainText('Adonkia CHP');

    // A plain re-run does not apply the structural changes: Go.Data still has the old name.
    await runStage(page, 'Locations');
    expect(sims.godata.inspect().locations.find((l) => l.id === NGELEHUN_CHC)?.name).toBe('Ngelehun CHC');

    await locations.getByRole('button', { name: 'Apply changes' }).click();
    await expect(locations.getByText('Completed')).toBeVisible({ timeout: 90_000 });
    await expect
      .poll(() => sims.godata.inspect().locations.find((l) => l.id === NGELEHUN_CHC)?.name)
      .toBe('Ngelehun Community Health Centre');
    const state = sims.godata.inspect().locations;
    expect(state.find((l) => l.id === njandama)?.parentLocationId).toBe(BO);
    expect(state.find((l) => l.id === closedUnit)?.active).toBe(false);
    expect(state.find((l) => l.id === added.id)?.parentLocationId).toBe(BADJIA);

    await locations.getByRole('button', { name: 'Check for changes in the DHIS2 tree' }).click();
    await expect(locations.getByText('No changes')).toBeVisible();
  });
});
