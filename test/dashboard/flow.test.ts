// The flow in Chromium: staff create a company and a user, the user accepts the invite,
// signs in, filters, buys a request after a confirmation step and sees the contact details at
// once and in "My purchases"; another company's user never does (S5, S10, S16, S26, S27).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractor, randomBusinessId, testPassword } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, customerRequest, openTab, signIn, withAdmin, type Tab } from './harness.ts';
import { now } from '../support/clock.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
const tabs: Tab[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await withAdmin(server);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

async function tab() {
  const t = await openTab(browser, server);
  tabs.push(t);
  return t;
}

test('staff invite a user, who buys a request and sees its contact details; another company never does', async () => {
  const wanted = await customerRequest(server, partnerKey, { category: 'kitchen', postalCode: '33100', town: 'Tampere' });
  const elsewhere = await customerRequest(server, partnerKey, { category: 'kitchen', postalCode: '00100', town: 'Helsinki' });

  // Staff: a company (a wrong check digit first), then a user for it.
  const staff = await tab();
  await signIn(staff.page, admin.email, admin.password);
  await expect.poll(() => new URL(staff.page.url()).pathname).toBe('/dashboard/admin');
  await staff.page.getByRole('link', { name: 'Yritykset' }).first().click();
  await staff.page.getByLabel('Yrityksen nimi').fill('Testiremontti Oy');
  await staff.page.getByLabel('Y-tunnus').fill('1234567-2');
  await staff.page.getByRole('button', { name: 'Luo yritys' }).click();
  const businessId = staff.page.getByLabel('Y-tunnus');
  await expect.poll(() => businessId.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await businessId.getAttribute('aria-describedby'))!.split(' ');
  const message = staff.page.locator(`#${describedBy.at(-1)}`);
  expect(await message.textContent()).toMatch(/Y-tunnus ei ole kelvollinen/);
  expect(await staff.page.getByRole('alert').getByRole('link').getAttribute('href')).toBe('#f-businessId');
  expect(await staff.page.title()).toMatch(/^Virhe: /);
  await businessId.fill(randomBusinessId());
  await staff.page.getByRole('button', { name: 'Luo yritys' }).click();
  await staff.page.waitForURL(/\/dashboard\/admin\/companies\/[0-9a-f-]{36}$/);
  await staff.page.getByRole('heading', { name: 'Testiremontti Oy' }).waitFor();

  const email = `tiina-${now()}@testiremontti.example`;
  await staff.page.getByLabel('Nimi').fill('Tiina Testaaja');
  await staff.page.getByLabel('Sähköposti').fill(email);
  await staff.page.getByRole('button', { name: 'Luo kutsulinkki' }).click();
  const inviteUrl = await staff.page.getByLabel('Kutsulinkki').inputValue();
  expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite#[A-Za-z0-9_-]{43}$`));
  expect(await staff.page.getByRole('row', { name: /Tiina Testaaja/ }).textContent()).toContain('Kutsuttu');
  // Shown once: a reload no longer has it.
  await staff.page.reload();
  expect(await staff.page.getByLabel('Kutsulinkki').count()).toBe(0);

  // The user sets a password through the invite, then signs in.
  const user = await tab();
  await user.page.goto(inviteUrl);
  await user.page.getByLabel('Uusi salasana').fill('tiinan-salasana-1');
  await user.page.getByLabel('Salasana uudelleen').fill('tiinan-salasana-1');
  await user.page.getByRole('button', { name: 'Tallenna salasana' }).click();
  await user.page.waitForURL(/\/dashboard\/login/);
  await user.page.getByText('Salasana on asetettu').waitFor();
  await signIn(user.page, email, 'tiinan-salasana-1');
  await user.page.getByRole('heading', { name: 'Tarjouspyynnöt', level: 1 }).waitFor();

  // Filter by region: Pirkanmaa (06) shows the Tampere request, not the Helsinki one.
  await user.page.getByLabel('Maakunta').selectOption('06');
  await user.page.getByRole('button', { name: 'Näytä' }).click();
  await user.page.waitForURL(/region=06/);
  const card = user.page.locator('li.card', { hasText: wanted.tag });
  await card.waitFor();
  expect(await user.page.locator('li.card', { hasText: elsewhere.tag }).count()).toBe(0);
  const cardText = (await card.textContent())!;
  expect(cardText).toMatch(/25,00\s€/);
  expect(cardText).toContain('0/3 ostettu');
  expect(cardText).toContain('Yksityishenkilö');
  expect(await user.page.content()).not.toContain(wanted.email);

  // Open it, buy it through the confirmation page, see the contact details at once.
  await card.getByRole('link', { name: 'Keittiö, 33100 Tampere' }).click();
  await user.page.waitForURL(new RegExp(`/dashboard/leads/${wanted.id}$`));
  expect(await user.page.getByRole('heading', { name: 'Yhteystiedot' }).count()).toBe(0);
  await user.page.getByRole('link', { name: 'Osta', exact: true }).click();
  await user.page.getByRole('heading', { name: /^Ostetaanko tämä pyyntö hintaan 25,00\s€ \+ alv\?$/ }).waitFor();
  await user.page.getByRole('button', { name: /^Osta hintaan 25,00\s€ \+ alv$/ }).click();
  await user.page.waitForURL(new RegExp(`/dashboard/leads/${wanted.id}$`));
  await user.page.getByRole('heading', { name: 'Yhteystiedot' }).waitFor();
  expect(await user.page.getByRole('link', { name: wanted.email }).getAttribute('href')).toBe(`mailto:${wanted.email}`);
  const phoneLink = user.page.getByRole('link', { name: /^\+?\d[\d ]+$/ });
  expect(await phoneLink.getAttribute('href')).toMatch(new RegExp(`^tel:.*${wanted.phone.slice(-7)}$`));
  expect(await user.page.getByRole('status').textContent()).toContain('Ostit pyynnön');
  expect(await user.page.locator('main').textContent()).toContain('1/3 ostettu');

  // ...and in My purchases.
  await user.page.getByRole('link', { name: 'Ostetut' }).click();
  await user.page.getByRole('heading', { name: 'Ostetut pyynnöt' }).waitFor();
  expect(await user.page.getByRole('link', { name: wanted.email }).count()).toBe(1);
  expect(await user.page.content()).toContain(wanted.phone.slice(-7));

  // Another company's user sees the request but never its contact details.
  const other = await contractor(server);
  const rival = await tab();
  await signIn(rival.page, other.email, testPassword);
  await rival.page.goto(`/dashboard/leads/${wanted.id}`);
  await rival.page.getByRole('link', { name: 'Osta', exact: true }).waitFor();
  expect(await rival.page.getByRole('heading', { name: 'Yhteystiedot' }).count()).toBe(0);
  const html = await rival.page.content();
  expect(html).not.toContain(wanted.email);
  expect(html).not.toContain(wanted.phone.slice(-7));
  await rival.page.goto('/dashboard/purchases');
  expect(await rival.page.content()).not.toContain(wanted.email);

  // Every page had the strict CSP, and the browser saw no violation.
  const policies = tabs.flatMap((t) => t.policies);
  expect(policies.length).toBeGreaterThan(15);
  for (const p of policies) {
    expect(p.csp, p.url).toContain("frame-ancestors 'none'");
    expect(p.csp, p.url).not.toContain('unsafe-inline');
  }
  for (const t of tabs) {
    const trouble = await t.trouble();
    expect(trouble.violations).toEqual([]);
    expect(trouble.pageErrors).toEqual([]);
  }
  // Three real PBKDF2 hashes (staff sign-in, invite, the user's sign-in) at production cost.
}, 60_000);
