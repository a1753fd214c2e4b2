// Staff edit a company in the dashboard (issue 10): a plain form under the strict CSP, errors
// beside their fields, and deactivation signs the company's users out at once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractor } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, openTab, signIn, withAdmin } from './harness.ts';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await withAdmin(server);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

test('staff rename a company, are told about a bad business ID beside the field, and deactivate it: its user is signed out', async () => {
  const owner = await contractor(server, { role: 'owner' });
  expect((await owner.json('GET', '/v1/me')).status).toBe(200);
  const staff = await openTab(browser, server);
  try {
    const page = staff.page;
    await signIn(page, admin.email, admin.password);
    await page.goto(`/dashboard/admin/companies/${owner.companyId}`);
    await page.getByRole('link', { name: 'Yrityksen tiedot' }).click();
    await page.getByLabel('Yrityksen nimi').fill('Nimetty Uudelleen Oy');
    await page.getByLabel('Y-tunnus').fill('1234567-2');
    await page.getByRole('button', { name: 'Tallenna yrityksen tiedot' }).click();
    const businessId = page.getByLabel('Y-tunnus');
    await expect.poll(() => businessId.getAttribute('aria-invalid')).toBe('true');
    expect(await page.title()).toMatch(/^Virhe: /);
    expect(await page.getByLabel('Yrityksen nimi').inputValue()).toBe('Nimetty Uudelleen Oy');

    const current = (await server.db.execute({ sql: 'SELECT business_id FROM companies WHERE id = ?', args: [owner.companyId] })).rows[0]!
      .business_id as string;
    await businessId.fill(current);
    await page.getByLabel('Tila').selectOption('no');
    await page.getByRole('button', { name: 'Tallenna yrityksen tiedot' }).click();
    await page.waitForURL(new RegExp(`/dashboard/admin/companies/${owner.companyId}$`));
    // Deactivating says what it did (a user check found "details saved" alone unclear).
    await page.getByText('Yritys poistettu käytöstä: sen käyttäjät kirjattiin ulos').waitFor();
    await page.getByRole('heading', { name: 'Nimetty Uudelleen Oy' }).waitFor();
    expect(await page.locator('.meta strong').textContent()).toMatch(/Pois käytöstä/);

    expect((await owner.json('GET', '/v1/me')).status).toBe(401);
    expect(await staff.trouble()).toMatchObject({ violations: [], pageErrors: [] });
    expect(staff.policies.every((p) => p.csp && !p.csp.includes('unsafe-inline'))).toBe(true);
  } finally {
    await staff.context.close();
  }
});
