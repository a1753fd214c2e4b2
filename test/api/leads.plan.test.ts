// Issue 12 "The list at scale": whatever the filter, GET /v1/leads walks an index in the order it
// shows and stops after a page. A temporary B-tree for ORDER BY means sorting every open request
// on each page view (590 ms at 100 000 before this test existed; BENCHMARKS.md has the numbers).
// Plans are deterministic: checked on the app's own statement, before and after ANALYZE.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { leadListStatement, type LeadFilter, revealStatements } from '../../api/domain/leads.ts';
import { type SqlActor, sqlActor } from '../../api/domain/sessions.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';
import { queryPlan } from '../support/plan.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  const { id } = await server.createPartner();
  const t = now();
  // 6 000 open requests over four weeks, in every region and starter category; two in three
  // confirmed (by e-mail or by SMS), so ANALYZE sees both kinds; four in five with answers
  // (issue 13), each timing and property type among them.
  await server.db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000),
               cats AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM categories),
               regs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM regions)
          INSERT INTO requests (id, partner_id, customer_type, category_id, region_code, locale,
                                consent_notice_version, status, created_at, expires_at, confirmed_at, confirmed_via, answers)
          SELECT 'plan-' || i, ?, 'consumer', cats.id, regs.code, 'fi', 'v', 'open',
                 ? - i * 400000, ? + 30 * 86400000 - i * 400000,
                 CASE i % 3 WHEN 0 THEN NULL ELSE ? - i * 400000 END, CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN 'email' ELSE 'sms' END,
                 CASE WHEN i % 5 = 0 THEN NULL ELSE json_object(
                   'timing', json_extract('["asap","3_months","later","planning"]', '$[' || (i % 4) || ']'),
                   'propertyType', json_extract('["detached","semi_detached","apartment","holiday","commercial"]', '$[' || (i % 7 % 5) || ']')) END
          FROM n JOIN cats ON cats.k = n.i % cats.total JOIN regs ON regs.k = n.i % regs.total`,
    args: [id, t, t, t],
  });
});
afterAll(() => server.close());

const filters: [string, LeadFilter][] = [
  ['no filter', {}],
  ['region', { region: '01' }],
  ['category', { category: 'bathroom' }],
  ['region and category', { region: '01', category: 'bathroom' }],
  // Confirmed contacts (issue 13): a condition on the rows of the same walk, never a sort.
  ['confirmed', { confirmed: true }],
  ['unconfirmed', { confirmed: false }],
  ['region, category and confirmed', { region: '01', category: 'bathroom', confirmed: true }],
  // Answers (issue 13): conditions on the rows of the same walk too, never a sort.
  ['timing', { timing: 'asap' }],
  ['property type', { propertyType: 'apartment' }],
  ['region, timing and property type', { region: '01', timing: 'asap', propertyType: 'apartment' }],
  ['category, confirmed and timing', { category: 'bathroom', confirmed: true, timing: 'planning' }],
];

// Both ways a list names its reader: ids already read, or the session read in the same round trip.
const signedIn = sqlActor({ id: 'u', companyId: 'c', role: 'member', sessionHash: 'h', locale: 'fi' });
const pending = sqlActor({ pendingSessionHash: 'h' });

async function plan(filter: LeadFilter, cursor: boolean, who: SqlActor): Promise<string> {
  const { sql, args } = leadListStatement(who, now(), filter, cursor ? { at: now() - 86400000, id: 'plan-100' } : null, 21);
  return (await queryPlan(server.dbPath, sql, args)).join('\n');
}

test('every filter, first page and later pages: an index in the order shown, no temporary B-tree', async () => {
  for (const analyzed of [false, true]) {
    if (analyzed) await server.db.execute('ANALYZE');
    for (const [name, filter] of filters) {
      for (const cursor of [false, true]) {
        for (const [whoName, who] of [
          ['ids', signedIn],
          ['pending session', pending],
        ] as const) {
          const detail = await plan(filter, cursor, who);
          const label = `${name}${cursor ? ', after a cursor' : ''}${analyzed ? ', analyzed' : ''}, ${whoName}`;
          expect([label, detail.includes('TEMP B-TREE')]).toEqual([label, false]);
          expect([label, /SEARCH r USING INDEX requests_open_\w+_idx/.test(detail)]).toEqual([label, true]);
        }
      }
    }
  }
});

test('the statement returns the newest first, and a cursor continues where the page ended', async () => {
  const first = await server.db.execute(leadListStatement(signedIn, now(), { region: '01' }, null, 5));
  const ids = first.rows.map((r) => String(r.id));
  expect(ids).toHaveLength(5);
  const createdAt = first.rows.map((r) => Number(r.created_at));
  expect([...createdAt].sort((a, b) => b - a)).toEqual(createdAt);
  const last = first.rows.at(-1)!;
  const next = await server.db.execute(
    leadListStatement(signedIn, now(), { region: '01' }, { at: Number(last.created_at), id: String(last.id) }, 5),
  );
  expect(Number(next.rows[0]!.created_at)).toBeLessThan(Number(last.created_at));
});

test('an answer filter keeps only the rows with that answer, newest first, and pages on', async () => {
  const filter = { timing: 'asap', propertyType: 'apartment' };
  const first = await server.db.execute(leadListStatement(signedIn, now(), filter, null, 5));
  expect(first.rows).toHaveLength(5);
  for (const r of first.rows) expect(JSON.parse(String(r.answers))).toEqual(filter);
  const last = first.rows.at(-1)!;
  const next = await server.db.execute(leadListStatement(signedIn, now(), filter, { at: Number(last.created_at), id: String(last.id) }, 5));
  expect(next.rows.length).toBeGreaterThan(0);
  for (const r of next.rows) expect(JSON.parse(String(r.answers))).toEqual(filter);
  expect(Number(next.rows[0]!.created_at)).toBeLessThan(Number(last.created_at));
});

test("a buyer's view audits by the requests asked, never by walking the company's purchases", async () => {
  const [auditing, reading] = revealStatements({ company: 'c', user: 'u', now: now() }, ['plan-1', 'plan-2']);
  const planOf = ({ sql, args }: { sql: string; args: unknown }) => queryPlan(server.dbPath, sql, args as Record<string, string>);
  const audit = await planOf(auditing as { sql: string; args: unknown });
  expect(audit[0]).toMatch(/^SCAN j VIRTUAL TABLE/);
  expect(audit.join('\n')).not.toContain('purchases_company_created_idx');
  expect((await planOf(reading as { sql: string; args: unknown })).join('\n')).toContain(
    'purchases_request_company_idx (request_id=? AND company_id=?)',
  );
});
