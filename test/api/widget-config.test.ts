// GET /v1/widget/config, GET /v1/postal-codes/:code, GET /healthz, GET /v1/openapi.json, pages.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { privacyNoticeVersion, retention } from '../../api/config.ts';
import { regions } from '../../api/contract/regions.ts';
import { signInAdmin } from '../support/session.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let key: string;
const origin = 'https://rautakauppa.example';

beforeAll(async () => {
  server = await startServer();
  key = (await server.createPartner({ origins: [origin], name: 'Rautakauppa Oy', presets: { category: 'kitchen' } })).publicKey;
});
afterAll(() => server.close());

test('GET /healthz → 200', async () => {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});

describe('widget config', () => {
  test('localised categories and all 19 regions by national code, presets, notice link', async () => {
    const res = await fetch(`${server.url}/v1/widget/config?partner=${key}&lang=sv`, { headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const config = await res.json();
    expect(config.partner).toEqual({ name: 'Rautakauppa Oy', kind: 'hardware_store', presets: { category: 'kitchen' } });
    expect(config.categories).toContainEqual(expect.objectContaining({ id: 'bathroom', label: 'Badrum' }));
    expect(config.regions).toHaveLength(19);
    expect(config.regions.map((r: { code: string }) => r.code)).not.toContain('03');
    expect(config.regions.map((r: { code: string }) => r.code)).not.toContain('20');
    expect(config.regions).toContainEqual({ code: '21', name: 'Åland' });
    expect(config.regions).toContainEqual({ code: '01', name: 'Nyland' });
    expect(config.privacyNoticeUrl).toBe(`${server.url}/privacy?lang=sv`);
    expect(config.privacyNoticeVersion).toBe(privacyNoticeVersion);
    expect(config.visibleDays).toBe(retention.visibleDays);
    expect(config.challengeUrl).toBe(`${server.url}/v1/widget/challenge?partner=${key}`);
  });

  test('Finnish by default', async () => {
    const config = await (await fetch(`${server.url}/v1/widget/config?partner=${key}`)).json();
    expect(config.categories).toContainEqual(expect.objectContaining({ id: 'bathroom', label: 'Kylpyhuone' }));
    expect(config.regions).toContainEqual({ code: '21', name: 'Ahvenanmaa' });
  });

  test('unknown partner → 404', async () => {
    const res = await fetch(`${server.url}/v1/widget/config?partner=pk_nobody`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });

  test('no partner → 422 naming it', async () => {
    const res = await fetch(`${server.url}/v1/widget/config`);
    expect(res.status).toBe(422);
    expect((await res.json()).issues[0].path).toBe('partner');
  });
});

describe('postal-code look-up (Posti data)', () => {
  test.each([
    ['00100', 'fi', 'Helsinki', '091', '01', 'Uusimaa'],
    ['00100', 'sv', 'Helsingfors', '091', '01', 'Nyland'],
    ['65100', 'fi', 'Vaasa', '905', '15', 'Pohjanmaa'],
    ['22100', 'sv', 'Mariehamn', '478', '21', 'Åland'],
    ['96100', 'en', 'Rovaniemi', '698', '19', 'Lapland'],
  ])('%s (%s) → %s, municipality %s, region %s', async (code, lang, town, municipality, region, regionName) => {
    const res = await fetch(`${server.url}/v1/postal-codes/${code}?lang=${lang}`);
    expect(res.status).toBe(200);
    const info = await res.json();
    expect(info).toMatchObject({ postalCode: code, town, municipalityCode: municipality, region: { code: region, name: regionName } });
  });

  test('unknown → 404, malformed → 422', async () => {
    expect((await fetch(`${server.url}/v1/postal-codes/00001`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/postal-codes/abcde`)).status).toBe(422);
  });
});

test('OpenAPI is generated from the validating schemas', async () => {
  const doc = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  expect(doc.openapi).toMatch(/^3\./);
  const body = doc.paths['/v1/requests'].post.requestBody.content['application/json'].schema;
  expect(Object.keys(body.properties)).toEqual(
    expect.arrayContaining([
      'partner',
      'customerType',
      'category',
      'description',
      'postalCode',
      'region',
      'town',
      'email',
      'phone',
      'consent',
      'locale',
      'website',
    ]),
  );
  expect(body.required).toEqual(expect.arrayContaining(['partner', 'customerType', 'category', 'description', 'postalCode', 'consent']));
  expect(body.properties.customerType.enum).toEqual(['person', 'company', 'housing_company']);
  expect(body.properties.region.enum).toEqual(regions.map((r) => r.code));
  expect(Object.keys(doc.paths['/v1/requests'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '413', '422', '429']));
});

describe('pages', () => {
  test.each(['fi', 'sv', 'en'])('privacy notice (%s) states the retention numbers from config, under a strict CSP', async (lang) => {
    const res = await fetch(`${server.url}/privacy?lang=${lang}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const text = await res.text();
    expect(text).toContain(`lang="${lang}"`);
    expect(text).toContain(String(retention.visibleDays));
    expect(text).toContain(String(retention.archiveMonths));
    expect(text).toContain(String(retention.backupDays));
  });

  test('the hosted form page escapes its partner parameter and refuses markup', async () => {
    expect((await fetch(`${server.url}/request?partner=${encodeURIComponent('"><script>')}`)).status).toBe(404);
    const html = await (await fetch(`${server.url}/request?partner=${key}&lang=sv`)).text();
    expect(html).toContain(`<linkki-request partner="${key}" lang="sv">`);
  });
});

test('OpenAPI describes the account and staff endpoints from their schemas', async () => {
  const doc = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  for (const path of [
    '/v1/leads',
    '/v1/leads/{id}',
    '/v1/leads/{id}/purchase',
    '/v1/purchases',
    '/v1/manage',
    '/v1/manage/close',
    '/v1/manage/contact',
    '/v1/manage/export',
    '/v1/admin/data-subjects/search',
    '/v1/auth/login',
    '/v1/auth/logout',
    '/v1/auth/invite/{token}',
    '/v1/me',
    '/v1/admin/partners',
    '/v1/admin/companies',
    '/v1/admin/companies/{id}/users',
    '/v1/company/users',
  ]) {
    expect(doc.paths[path], path).toBeDefined();
  }
  const login = doc.paths['/v1/auth/login'].post.requestBody.content['application/json'].schema;
  expect(login.required).toEqual(['email', 'password']);
  const company = doc.paths['/v1/admin/companies'].post.requestBody.content['application/json'].schema;
  expect(Object.keys(company.properties)).toEqual(expect.arrayContaining(['name', 'businessId']));
});

describe('the configuration is cached for every visitor (issue 12), and staff edits show at once', () => {
  test("a partner's name and presets, and a category's label", async () => {
    const p = await server.createPartner({ origins: [origin], name: 'Ennen Oy' });
    const read = async () => (await fetch(`${server.url}/v1/widget/config?partner=${p.publicKey}&lang=fi`)).json();
    expect((await read()).partner.name).toBe('Ennen Oy');
    expect((await read()).partner.name).toBe('Ennen Oy');
    const staff = await signInAdmin(server);
    const patched = await staff.json('PATCH', `/v1/admin/partners/${p.id}`, { name: 'Jälkeen Oy', presets: { category: 'sauna' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: p.id, name: 'Jälkeen Oy', active: true, origins: [origin] });
    expect((await read()).partner).toMatchObject({ name: 'Jälkeen Oy', presets: { category: 'sauna' } });

    expect((await read()).categories).toContainEqual({ id: 'sauna', label: 'Sauna', questions: [] });
    expect((await staff.call('PATCH', '/v1/admin/categories/sauna', { labelFi: 'Saunaremontti' })).status).toBe(200);
    expect((await read()).categories).toContainEqual({ id: 'sauna', label: 'Saunaremontti', questions: [] });
    expect((await staff.call('PATCH', '/v1/admin/categories/sauna', { labelFi: 'Sauna' })).status).toBe(200);

    // Taken off every site: the widget's configuration, and intake, refuse the key at once.
    expect((await staff.call('PATCH', `/v1/admin/partners/${p.id}`, { active: false })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/widget/config?partner=${p.publicKey}&lang=fi`)).status).toBe(404);
  });

  test('a bad patch names the field and changes nothing', async () => {
    const p = await server.createPartner({ origins: [origin], name: 'Pysyy Oy' });
    const staff = await signInAdmin(server);
    const res = await staff.json('PATCH', `/v1/admin/partners/${p.id}`, { name: 'Uusi', allowedOrigins: ['ftp://x'] });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toMatch(/^allowedOrigins/);
    expect((await (await fetch(`${server.url}/v1/widget/config?partner=${p.publicKey}`)).json()).partner.name).toBe('Pysyy Oy');
    expect((await staff.call('PATCH', '/v1/admin/partners/nope', { name: 'X' })).status).toBe(404);
  });
});
