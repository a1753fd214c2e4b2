// The customer's manage API, keyed by the token in the Authorization header:
// S21 (see, export), S22 (correct), S23 (forbid marketing), S24 (erase contact), S25 (close).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmation } from '../../api/config.ts';
import { daysInMonth, helsinkiDay, helsinkiWall } from '../../api/contract/dates.ts';
import { linkProof } from '../../api/domain/confirm-contact.ts';
import { testClock } from '../support/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { companyUser } from '../support/session.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let partner: string;

beforeAll(async () => {
  server = await startServer();
  partner = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

/** Each with its own address; `email` is the default one's. */
const email = 'matti.meikalainen@example.fi';
async function newRequest(overrides: Record<string, unknown> = {}) {
  const res = await postRequest(server.url, validRequest(partner, { email, phone: '040 123 4567', ...overrides }), { origin });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; manageToken: string };
}

const manage = (token: string | null, path = '', init: RequestInit = {}) =>
  fetch(`${server.url}/v1/manage${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });

describe('S21: the customer sees everything stored, who bought it, and when it is deleted', () => {
  test('view with contact, buyers by company name, slots left, delete date', async () => {
    const r = await newRequest();
    const buyer = await companyUser(server);
    expect((await buyer.session.call('POST', `/v1/leads/${r.id}/purchase`)).status).toBe(201);

    const res = await manage(r.manageToken, '?lang=sv');
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({
      id: r.id,
      status: 'open',
      contact: { email: 'matti.meikalainen@example.fi', phone: '0401234567' },
      postalCode: '00100',
      town: 'Helsinki',
      region: { code: '01', name: 'Nyland' },
      category: { id: 'bathroom', label: 'Badrum' },
      buyers: [{ company: expect.stringMatching(/^Urakka \d+ Oy$/) }],
      maxBuyers: 3,
      slotsLeft: 2,
    });
    // Open: deleted 6 months after it expires (S20), on the Finnish calendar, clamped to the month's end.
    const expires = helsinkiWall(new Date(view.expiresAt));
    const deleted = helsinkiWall(new Date(view.deleteAt));
    const months = deleted.year * 12 + deleted.month - (expires.year * 12 + expires.month);
    expect(months).toBe(6);
    expect(deleted.day).toBe(Math.min(expires.day, daysInMonth(deleted.year, deleted.month)));
  });

  // The suite found this on 3 December: expiry on 31 December, and JavaScript's month rollover said 1 July.
  test.each([
    ['2026-12-03T09:00:00Z', '2026-12-31', '2027-06-30'],
    ['2026-08-03T09:00:00Z', '2026-08-31', '2027-02-28'],
    ['2027-08-03T09:00:00Z', '2027-08-31', '2028-02-29'],
    ['2026-12-31T22:30:00Z', '2027-01-29', '2027-07-29'],
  ])('sent at %s: expires %s, deleted %s (Finnish dates, S18, S20)', async (sentAt, expiresDay, deleteDay) => {
    const onTheDay = await startServer({ clock: testClock(sentAt) });
    try {
      const key = (await onTheDay.createPartner({ origins: [origin] })).publicKey;
      const sent = await postRequest(onTheDay.url, validRequest(key), { origin });
      expect(sent.status).toBe(201);
      const { manageToken } = await sent.json();
      const view = await (await fetch(`${onTheDay.url}/v1/manage`, { headers: { authorization: `Bearer ${manageToken}` } })).json();
      expect(helsinkiDay(new Date(view.expiresAt))).toBe(expiresDay);
      expect(helsinkiDay(new Date(view.deleteAt))).toBe(deleteDay);
    } finally {
      await onTheDay.close();
    }
  });

  test('export returns every stored field, but not the token hash', async () => {
    const r = await newRequest();
    const res = await manage(r.manageToken, '/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`linkki-${r.id}.json`);
    const data = await res.json();
    expect(data.request).toMatchObject({
      id: r.id,
      partnerId: expect.any(String),
      consentNoticeVersion: expect.any(String),
      contact: { email: 'matti.meikalainen@example.fi' },
    });
    expect(JSON.stringify(data)).not.toMatch(/manageTokenHash|manage_token_hash/);
    expect(data.retention.archiveMonths).toBe(6);
  });
});

describe('S22, S23: corrections and the marketing ban', () => {
  test('description, town, email, phone and marketingOptOut change; buyers see the new contact', async () => {
    const r = await newRequest();
    const buyer = await companyUser(server);
    await buyer.session.call('POST', `/v1/leads/${r.id}/purchase`);
    const res = await manage(r.manageToken, '', {
      method: 'PATCH',
      body: JSON.stringify({
        description: 'Korjattu kuvaus: vain lattia ja seinät.',
        town: '',
        email: 'uusi@example.fi',
        phone: '+358 50 765 4321',
        marketingOptOut: true,
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      description: 'Korjattu kuvaus: vain lattia ja seinät.',
      town: null,
      marketingOptOut: true,
      contact: { email: 'uusi@example.fi', phone: '+358507654321' },
    });
    const lead = await buyer.session.json('GET', `/v1/leads/${r.id}`);
    expect(lead.body.contact).toEqual({ email: 'uusi@example.fi', phone: '+358507654321', firstName: null });
  });

  test('bad corrections → 422 with the field, nothing changed', async () => {
    const r = await newRequest();
    const res = await manage(r.manageToken, '', { method: 'PATCH', body: JSON.stringify({ email: 'not-an-email', description: 'x' }) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['description', 'email']);
    expect(JSON.stringify(body)).not.toContain('not-an-email');
    expect((await (await manage(r.manageToken)).json()).contact.email).toBe('matti.meikalainen@example.fi');
  });
});

describe('S24: erasing the contact details takes effect at once, for buyers too', () => {
  test('DELETE /v1/manage/contact → the buyer sees null, the row is gone', async () => {
    const r = await newRequest();
    const buyer = await companyUser(server);
    await buyer.session.call('POST', `/v1/leads/${r.id}/purchase`);
    expect((await manage(r.manageToken, '/contact', { method: 'DELETE' })).status).toBe(204);
    expect((await buyer.session.json('GET', `/v1/leads/${r.id}`)).body.contact ?? null).toEqual(null);
    const rows = await server.db.execute({ sql: 'SELECT count(*) AS n FROM request_contacts WHERE request_id = ?', args: [r.id] });
    expect(Number(rows.rows[0]!.n)).toBe(0);
    expect((await (await manage(r.manageToken)).json()).contact).toEqual({ email: null, phone: null, firstName: null });
  });
});

describe('S25: closing hides the request from companies that have not bought it', () => {
  test('close → gone from the list, the buyer keeps it in the archive', async () => {
    const r = await newRequest({ region: '19', postalCode: '96100' });
    const buyer = await companyUser(server);
    const other = await companyUser(server);
    await buyer.session.call('POST', `/v1/leads/${r.id}/purchase`);
    const ids = async () => (await other.session.json('GET', '/v1/leads?region=19&limit=100')).body.items.map((i: { id: string }) => i.id);
    expect(await ids()).toContain(r.id);

    const res = await manage(r.manageToken, '/close', { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('closed');
    expect(await ids()).not.toContain(r.id);
    expect((await other.session.json('POST', `/v1/leads/${r.id}/purchase`)).status).toBe(410);
    expect((await buyer.session.json('GET', `/v1/leads/${r.id}`)).body.contact.email).toBe('matti.meikalainen@example.fi');
    // Closing twice is harmless.
    expect((await manage(r.manageToken, '/close', { method: 'POST' })).status).toBe(200);
  });
});

describe('the token is the only key', () => {
  test('missing, malformed or unknown token → 401; the token is never accepted in the URL', async () => {
    const r = await newRequest();
    expect((await manage(null)).status).toBe(401);
    expect((await manage('x'.repeat(43))).status).toBe(401);
    expect((await fetch(`${server.url}/v1/manage?token=${r.manageToken}`)).status).toBe(401);
    expect((await manage(null, '/export')).status).toBe(401);
  });
});

describe('issue 13: whether the contact is confirmed, and a held request', () => {
  test("confirmed is false until the mail's link confirms it, then true", async () => {
    const r = await newRequest();
    expect((await (await manage(r.manageToken)).json()).confirmed).toBe(false);
    const confirmed = await fetch(`${server.url}/v1/requests/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manageToken: r.manageToken, link: await linkProof(server.deps, r.id) }),
    });
    expect(confirmed.status).toBe(200);
    expect((await (await manage(r.manageToken)).json()).confirmed).toBe(true);
  });

  test('REQUIRE_CONFIRMED_CONTACT: status unconfirmed, deleted holdHours after it was sent unless confirmed', async () => {
    const holding = await startServer({ config: { requireConfirmedContact: true } });
    try {
      const key = (await holding.createPartner({ origins: [origin] })).publicKey;
      const sent = await postRequest(holding.url, validRequest(key), { origin });
      expect(sent.status).toBe(201);
      const { manageToken } = await sent.json();
      const view = await (await fetch(`${holding.url}/v1/manage`, { headers: { authorization: `Bearer ${manageToken}` } })).json();
      expect(view).toMatchObject({ status: 'unconfirmed', confirmed: false });
      expect(new Date(view.deleteAt).getTime() - new Date(view.createdAt).getTime()).toBe(confirmation.holdHours * 3_600_000);
    } finally {
      await holding.close();
    }
  });
});

describe('issue 13 part 4: the answers and the first name (S21, S22)', () => {
  const answers = { timing: 'planning', size: 85, floorArea: 4, waterproofingAge: 'unknown' };

  test("the view says the answers in the view's language, in the order given, and shows the first name", async () => {
    const r = await newRequest({ answers, firstName: 'Maija' });
    const fi = await (await manage(r.manageToken)).json();
    expect(fi.answers).toEqual([
      { question: 'Aikataulu', answer: 'Vasta suunnittelen' },
      { question: 'Kohteen koko (m²)', answer: '85 m²' },
      { question: 'Kylpyhuoneen lattiapinta-ala (m²)', answer: '4 m²' },
      { question: 'Vedeneristyksen ikä', answer: 'En tiedä' },
    ]);
    expect(fi.contact).toEqual({ email, phone: '0401234567', firstName: 'Maija' });
    const en = await (await manage(r.manageToken, '?lang=en')).json();
    expect(en.answers[0]).toEqual({ question: 'Timing', answer: 'Just planning' });

    const none = await (await manage((await newRequest()).manageToken)).json();
    expect(none.answers).toEqual([]);
    expect(none.contact.firstName).toBeNull();
  });

  test('the export keeps the stored values beside the sentences', async () => {
    const r = await newRequest({ answers, firstName: 'Maija' });
    const data = await (await manage(r.manageToken, '/export')).json();
    expect(data.request.answerValues).toEqual(answers);
    expect(data.request.answers).toHaveLength(4);
    expect(data.request.contact.firstName).toBe('Maija');
  });

  test('PATCH firstName corrects it, encrypted for the request; an empty one clears it; over 60 characters is 422', async () => {
    const r = await newRequest({ firstName: 'Maija' });
    const patch = (body: object) => manage(r.manageToken, '', { method: 'PATCH', body: JSON.stringify(body) });
    const stored = async () =>
      (await server.db.execute({ sql: 'SELECT first_name_enc FROM request_contacts WHERE request_id = ?', args: [r.id] })).rows[0]!
        .first_name_enc;

    const corrected = await patch({ firstName: ' Matti ' });
    expect(corrected.status).toBe(200);
    expect((await corrected.json()).contact.firstName).toBe('Matti');
    expect(await server.deps.keys.decrypt(String(await stored()), `request_contacts:${r.id}:firstName`)).toBe('Matti');

    const tooLong = await patch({ firstName: 'M'.repeat(61) });
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).issues).toMatchObject([{ path: 'firstName', code: 'too_long' }]);

    expect((await (await patch({ firstName: '' })).json()).contact.firstName).toBeNull();
    expect(await stored()).toBeNull();
  });

  test('clearing the first name after an erasure does not bring an empty contact row back', async () => {
    const r = await newRequest({ firstName: 'Maija' });
    expect((await manage(r.manageToken, '/contact', { method: 'DELETE' })).status).toBe(204);
    const res = await manage(r.manageToken, '', { method: 'PATCH', body: JSON.stringify({ firstName: '' }) });
    expect(res.status).toBe(200);
    expect((await res.json()).contact).toEqual({ email: null, phone: null, firstName: null });
    const { rows } = await server.db.execute({ sql: 'SELECT request_id FROM request_contacts WHERE request_id = ?', args: [r.id] });
    expect(rows).toEqual([]);
  });
});
