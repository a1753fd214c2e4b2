// S21 "everything stored", issue 13 part 4: the manage page shows the answers to the category's
// questions, in the page's language, and the first name; the customer corrects or clears the
// first name (S22), and erasing the contact details (S24) takes it too. Proved in the database.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { assertBuilt, axe, customerRequest, openTab, retype, tabTo, type Tab } from './harness.ts';

let browser: Browser;
let server: TestServer;
let tab: Tab | undefined;

beforeAll(async () => {
  assertBuilt();
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

const answered = { answers: { timing: 'asap', size: 1200, floorArea: 6, waterproofingAge: 'over_20' }, firstName: 'Maija' };

/** The stored facts as [label, value] pairs, in the page's order. */
const facts = (page: Page) =>
  page
    .locator('.manage-facts > div')
    .evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')!.textContent, r.querySelector('dd')!.textContent]));

async function open(overrides: Record<string, unknown>, opts: { bypassCSP?: boolean } = {}) {
  const partner = await server.createPartner();
  const req = await customerRequest(server, partner.publicKey, overrides);
  tab = await openTab(browser, server, opts);
  await tab.page.goto(req.manageUrl);
  await tab.page.locator('.manage-facts').waitFor();
  return { page: tab.page, req };
}

/** The stored first name, decrypted; null when none is stored, undefined when the contact row is gone. */
async function firstNameStored(id: string) {
  const { rows } = await server.db.execute({ sql: 'SELECT first_name_enc FROM request_contacts WHERE request_id = ?', args: [id] });
  if (!rows.length) return undefined;
  const enc = rows[0]!.first_name_enc;
  return enc === null ? null : server.deps.keys.decrypt(String(enc), `request_contacts:${id}:firstName`);
}

describe('the answers and the first name, as stored (S21)', () => {
  test.each([
    [
      'fi',
      [
        ['Aikataulu', 'Mahdollisimman pian'],
        ['Kohteen koko (m²)', '1\u00a0200 m²'],
        ['Kylpyhuoneen lattiapinta-ala (m²)', '6 m²'],
        ['Vedeneristyksen ikä', 'Yli 20 vuotta'],
      ],
      ['Etunimi', 'Maija'],
    ],
    [
      'sv',
      [
        ['Tidtabell', 'Så snart som möjligt'],
        ['Objektets storlek (m²)', '1\u00a0200 m²'],
        ['Badrummets golvyta (m²)', '6 m²'],
        ['Tätskiktets ålder', 'Över 20 år'],
      ],
      ['Förnamn', 'Maija'],
    ],
    [
      'en',
      [
        ['Timing', 'As soon as possible'],
        ['Size of the property (m²)', '1,200 m²'],
        ['Bathroom floor area (m²)', '6 m²'],
        ['Age of the waterproofing', 'Over 20 years'],
      ],
      ['First name', 'Maija'],
    ],
  ] as const)(
    '%s: each answer under its question, after the description; the first name with the contact details',
    async (lang, answers, name) => {
      const { page } = await open({ ...answered, locale: lang });
      const shown = await facts(page);
      const at = shown.findIndex(([label]) => label === answers[0]![0]);
      expect(shown.slice(at - 1, at + answers.length).map(([label]) => label)).toEqual([
        { fi: 'Kuvaus', sv: 'Beskrivning', en: 'Description' }[lang],
        ...answers.map(([q]) => q),
      ]);
      expect(shown.slice(at, at + answers.length)).toEqual(answers);
      expect(shown).toContainEqual(name);
      const names = shown.map(([label]) => label);
      expect(names.indexOf(name[0])).toBe(names.indexOf({ fi: 'Sähköposti', sv: 'E-post', en: 'Email' }[lang]) - 1);
    },
  );

  test('the language switch says the answers again in the language chosen', async () => {
    const { page } = await open({ ...answered, locale: 'fi' });
    await page.getByRole('button', { name: 'På svenska' }).click();
    await expect.poll(async () => (await facts(page)).find(([label]) => label === 'Tidtabell')?.[1]).toBe('Så snart som möjligt');
    expect(await facts(page)).toContainEqual(['Förnamn', 'Maija']);
  });

  test('nothing answered and no first name: both are said to be not stored', async () => {
    const { page } = await open({ locale: 'fi' });
    const shown = await facts(page);
    expect(shown).toContainEqual(['Vastaukset lisäkysymyksiin', 'ei tallennettu']);
    expect(shown).toContainEqual(['Etunimi', 'ei tallennettu']);
    expect(shown.map(([label]) => label)).not.toContain('Aikataulu');
  });
});

describe('the first name corrected, cleared and erased (S22, S24)', () => {
  test('corrected by keyboard: stored encrypted, and the buyer sees the new one; cleared: gone', async () => {
    const { page, req } = await open({ ...answered, locale: 'fi' });
    const buyer = await contractor(server);
    expect((await buyer.call('POST', `/v1/leads/${req.id}/purchase`)).status).toBe(201);
    const status = page.getByRole('status');
    const input = page.getByLabel('Etunimi');
    expect(await input.inputValue()).toBe('Maija');
    expect(await input.getAttribute('autocomplete')).toBe('given-name');

    await tabTo(page, '#firstName');
    await retype(page, 'Maija-Liisa');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('Tallennettu.');
    expect(await facts(page)).toContainEqual(['Etunimi', 'Maija-Liisa']);
    expect(await firstNameStored(req.id)).toBe('Maija-Liisa');
    expect((await buyer.json('GET', `/v1/leads/${req.id}`)).body.contact).toMatchObject({ firstName: 'Maija-Liisa' });

    await retype(page, '');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await facts(page)).find(([label]) => label === 'Etunimi')?.[1]).toBe('ei tallennettu');
    expect(await firstNameStored(req.id)).toBeNull();
    // The answers are the request's, not contact details: they stay.
    expect(await facts(page)).toContainEqual(['Aikataulu', 'Mahdollisimman pian']);
  });

  test('a first name over 60 characters is marked on its field, which gets focus', async () => {
    const { page, req } = await open({ ...answered, locale: 'en' });
    // The field stops at 60 characters as typed; the API's limit shows when a longer one gets through.
    await page.getByLabel('First name').evaluate((el) => el.removeAttribute('maxlength'));
    await page.getByLabel('First name').fill('M'.repeat(61));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('firstName');
    expect(await page.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#firstName-e').textContent()).toBe('The text is too long.');
    expect(await firstNameStored(req.id)).toBe('Maija');
  });

  test('erasing the contact details takes the first name too; the answers stay', async () => {
    const { page, req } = await open({ ...answered, phone: undefined, locale: 'fi' });
    await page.locator('#erase-start').click();
    await page.locator('.manage-danger').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Yhteystietosi on poistettu.');
    expect(await facts(page)).toContainEqual(['Etunimi', 'ei tallennettu']);
    expect(await page.getByLabel('Etunimi').inputValue()).toBe('');
    expect(await firstNameStored(req.id)).toBeUndefined();
    expect(await facts(page)).toContainEqual(['Aikataulu', 'Mahdollisimman pian']);
  });
});

describe('axe-core, zero violations', () => {
  test.each(['fi', 'sv'] as const)('the request with its answers and first name (%s)', async (lang) => {
    const { page } = await open({ ...answered, locale: lang }, { bypassCSP: true });
    const result = await axe(page);
    expect(result.violations).toEqual([]);
    expect(result.checked).toBeGreaterThan(20);
  });
});
