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

  test('a refused save marks its fields; unsaved edits show outside Mappings and hold back Run all', async ({
    page,
    bridge,
    sims,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    await pullAndSaveMapping(page);
    await expect(page.getByText('No problems found in the saved mapping.')).toBeVisible();

    // Long reference tokens wrap: every row's actions stay inside a 1280 px window.
    const table = page.getByRole('table', { name: 'Cases field mappings' });
    const removes = table.getByRole('button', { name: /^Remove / });
    for (let i = 0; i < (await removes.count()); i++) {
      const box = await removes.nth(i).boundingBox();
      expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(1280);
    }

    await page.getByLabel('Group key').fill('');
    await page.getByLabel('Outbreak name').fill('');
    await expect(page.getByText('No problems found in the saved mapping.')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Remove group “Unnamed group”' })).toBeVisible();
    await page.getByRole('button', { name: 'Save mapping' }).first().click();
    const refused = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect(refused).toContainText('Enter the outbreak name');
    await expect(refused).toContainText('Enter the group key');
    await expect(refused).not.toContainText('Too small');
    await expect(page.getByLabel('Outbreak name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Group key')).toHaveAttribute('aria-invalid', 'true');

    // Elsewhere the wizard says the edits are not saved, and Run all waits for them.
    const scrollY = () => page.evaluate<number>('window.scrollY');
    await page.mouse.wheel(0, 4000);
    await expect.poll(scrollY).toBeGreaterThan(0);
    await navStep(page, /^Start/).click();
    await expect.poll(scrollY).toBe(0);
    await expect(navStep(page, /^Mappings/)).toContainText('Unsaved changes');
    await expect(page.getByRole('button', { name: 'Run all remaining stages' })).toBeDisabled();
    await page.getByRole('button', { name: 'Go to Mappings' }).click();
    await page.getByRole('button', { name: 'Discard changes' }).first().click();
    await expect(navStep(page, /^Mappings/)).toContainText('Done');
    await navStep(page, /^Start/).click();
    await expect(page.getByRole('button', { name: 'Run all remaining stages' })).toBeEnabled();
  });

  test('a failed connection test is remembered as such', async ({ page, bridge, sims }) => {
    await page.goto(bridge.url);
    await connectBoth(page, { dhis2: sims.dhis2Url, godata: sims.godataUrl });
    const dhis2 = page.getByRole('region', { name: 'DHIS2' });
    await dhis2.getByLabel('Password').fill('not the password');
    await dhis2.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dhis2.getByLabel('Password')).toHaveValue('');
    await dhis2.getByRole('button', { name: 'Test connection' }).click();
    await expect(dhis2.getByRole('alert')).toBeVisible();
    await expect(dhis2.getByText('Saved. Last test failed.')).toBeVisible();
  });
});
