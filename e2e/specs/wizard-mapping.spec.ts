import { expect, test } from '../fixtures.js';
import { connectBoth, navStep, pullAndSaveMapping } from './wizard-helpers.js';

test.describe('Wizard: the mapping editor', () => {
  test('edits a value map and saves it with DHIS2 gone (metadata comes from the cache)', async ({
    page,
    bridge,
    sims,
  }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);

    // Offline from here on: the editor needs only what was pulled.
    await sims.dhis2.close();
    await page.reload();
    await navStep(page, /^Mappings/).click();
    await expect(page.getByText(/pulled .*\d/)).toBeVisible();

    await page.getByRole('button', { name: 'Edit gender' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Attribute')).toHaveValue(/Sex/);
    const rows = await dialog.getByLabel(/^DHIS2 value, row/).count();
    await dialog.getByRole('button', { name: 'Add row' }).click();
    await dialog.getByLabel(`DHIS2 value, row ${rows + 1}`).fill('Unknown');
    await dialog.getByLabel(`No Go.Data value, row ${rows + 1}`).check();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByText('Unsaved changes').first()).toBeVisible();
    await page.getByRole('button', { name: 'Save mapping' }).first().click();
    await expect(page.getByText('Saved', { exact: true }).first()).toBeVisible();
    const gender = bridge.services.mapping
      .state()
      .config.outbreaks[0]?.caseMapping.find((m) => m.target === 'gender');
    expect(gender?.valueMap).toContainEqual({ from: 'Unknown', to: null });
  });

  test('the JSON view shows the field path of every problem, and main refuses an invalid mapping', async ({
    page,
    bridge,
    sims,
  }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);
    const before = bridge.services.mapping.state().config;

    await page.getByRole('tab', { name: 'JSON' }).click();
    const json = page.getByLabel('Mapping JSON');
    const text = await json.inputValue();
    const key = before.outbreaks[0]?.key ?? '';
    await json.fill(text.replace(`"key": "${key}"`, '"key": "not a key!"'));
    await expect(page.getByText(/problem in the JSON/)).toBeVisible();
    await expect(page.getByText('outbreaks[0].key').first()).toBeVisible();

    await page.getByRole('button', { name: 'Save JSON' }).click();
    await expect(page.getByRole('alert')).toContainText('outbreaks[0].key');
    expect(bridge.services.mapping.state().config).toEqual(before);
  });
});
