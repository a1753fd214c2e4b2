// GET /request?partner=KEY, the widget's no-JS fallback: the form only for an active partner;
// an unknown or inactive key is a 404 page in the visitor's language (SPEC, "Contract additions").
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test('an active partner gets its form page', async () => {
  const { publicKey } = await server.createPartner();
  const res = await fetch(`${server.url}/request?partner=${publicKey}&lang=en`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(`<linkki-request partner="${publicKey}" lang="en">`);
});

test.each([
  ['fi', 'Lomaketta ei löytynyt'],
  ['sv', 'Formuläret hittades inte'],
  ['en', 'Form not found'],
])('an unknown key: 404 page in %s, no form', async (lang, title) => {
  const res = await fetch(`${server.url}/request?partner=no-such-partner&lang=${lang}`);
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  expect(html).toContain(`lang="${lang}"`);
  expect(html).toContain(title);
  expect(html).not.toContain('<linkki-request');
});

test('an inactive partner: 404, in the language the browser asks for', async () => {
  const { id, publicKey } = await server.createPartner();
  await server.db.execute({ sql: 'UPDATE partners SET active = 0 WHERE id = ?', args: [id] });
  const res = await fetch(`${server.url}/request?partner=${publicKey}`, { headers: { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' } });
  expect(res.status).toBe(404);
  const html = await res.text();
  expect(html).toContain('Formuläret hittades inte');
  expect(html).not.toContain(publicKey);
});

test('no key or markup in the key: 404', async () => {
  expect((await fetch(`${server.url}/request`)).status).toBe(404);
  expect((await fetch(`${server.url}/request?partner=${encodeURIComponent('"><script>')}`)).status).toBe(404);
});
