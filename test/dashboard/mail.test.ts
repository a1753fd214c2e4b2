// The mail pages in Chromium: alert settings (owner), the staff view with a reset form, the
// forgot-password page, unsubscribe, the development outbox — axe finds nothing — and the
// reminder's one-click close working under the strict CSP, token taken out of the address bar.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { unsubscribeUrl } from '../../api/domain/notifications/preferences.ts';
import { contractor, testPassword } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, axe, openTab, signIn, withAdmin, type Tab } from './harness.ts';
import { now } from '../support/clock.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
let tab: Tab | undefined;
const origin = 'https://rautakauppa.example';

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await withAdmin(server);
  partnerKey = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

describe('axe-core finds nothing', () => {
  test("on an owner's alert settings, before and after saving", async () => {
    const me = await contractor(server, { role: 'owner' });
    tab = await openTab(browser, server, { bypassCSP: true });
    const { page } = tab;
    await signIn(page, me.email, testPassword);
    await page.getByRole('link', { name: 'Ilmoitukset' }).click();
    await page.getByRole('heading', { name: 'Ilmoitukset', level: 1 }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Kerran päivässä koosteena (klo 7)').check();
    await page.getByLabel('Pohjois-Karjala').check();
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByRole('status').waitFor();
    expect(await axe(page)).toEqual([]);
    expect((await me.json('GET', '/v1/notifications/preferences')).body).toMatchObject({ alerts: 'daily', company: { regions: ['12'] } });
  });

  test('on the staff view of sent mail and its reset form', async () => {
    const user = await contractor(server);
    tab = await openTab(browser, server, { bypassCSP: true });
    const { page } = tab;
    await signIn(page, admin.email, admin.password);
    await page.goto('/dashboard/mail');
    await page.getByRole('heading', { name: 'Lähetetyt viestit', level: 1 }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Käyttäjän sähköposti').fill(user.email);
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByText('Linkki lähtee käyttäjän omaan osoitteeseen.').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Käyttäjän sähköposti').fill('ei-ketaan@example.fi');
    await page.getByRole('button', { name: 'Lähetä linkki' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
  });

  test('on the forgot-password page, unsubscribe and the development outbox', async () => {
    const me = await contractor(server);
    tab = await openTab(browser, server, { bypassCSP: true });
    const { page } = tab;
    await page.goto('/dashboard/password-reset?lang=sv');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('E-post').fill(me.email);
    await page.getByRole('button', { name: 'Skicka länken' }).click();
    await page.getByRole('status').waitFor();
    expect(await axe(page)).toEqual([]);

    const link = (await unsubscribeUrl(server.deps, me.userId)).replace(server.deps.config.publicUrl, '');
    await page.goto(`${link}?lang=en`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Stop alerts' }).click();
    await page.getByText('Alerts are off.').waitFor();
    expect(await axe(page)).toEqual([]);
    expect((await me.json('GET', '/v1/notifications/preferences')).body.alerts).toBe('off');

    await server.runScheduled(new Date(now() + 1000));
    await page.goto('/dev/outbox?lang=en');
    await page.getByRole('heading', { name: 'Development outbox' }).waitFor();
    expect(await axe(page)).toEqual([]);
  });
});

test("the reminder's close link closes the request with one click under the strict CSP, and drops the token from the address bar", async () => {
  const res = await postRequest(server.url, validRequest(partnerKey, { email: 'sulje@example.fi' }), { origin });
  const { manageToken } = (await res.json()) as { manageToken: string };
  tab = await openTab(browser, server);
  const { page } = tab;
  await page.goto(`/mail/close?lang=en#${manageToken}`);
  await page.getByRole('button', { name: 'Close the request' }).click();
  await page.getByText('The request is closed.').waitFor();
  expect(page.url()).not.toContain(manageToken);
  const view = await fetch(`${server.url}/v1/manage`, { headers: { authorization: `Bearer ${manageToken}` } });
  expect((await view.json()).status).toBe('closed');
  expect(await tab.trouble()).toMatchObject({ violations: [], pageErrors: [] });
});
