// Contractors browse open requests with contact details left out (S5, S18), and buyers see a
// request's contact details, each view audited in the same transaction that reads them.
import type { InStatement, InValue } from '@libsql/client';
import { confirmVia, type Contact, type Lead, type LeadDetail } from '../contract/leads.ts';
import { locales } from '../contract/request.ts';
import { boolean, integer, oneOf, orNull, type Read, rowReader, text, textOrNull } from '../db/rows.ts';
import { contactContext } from './contact.ts';
import { AppError, invalid, issue } from './errors.ts';
import type { SessionUser } from './session-user.ts';
import { type PendingSession, readSignedIn, type SqlActor } from './sessions.ts';
import type { Ctx } from './context.ts';

/** Staff without a company have nothing to buy or browse here. */
export function companyOf(actor: SessionUser): string {
  if (!actor.companyId) throw new AppError('forbidden');
  return actor.companyId;
}

/**
 * The fields every lead shows, for one company and one user (the label in the user's locale).
 * `who` names them in SQL (sessions.ts, SqlActor): `:company` and `:user` bound by the caller
 * unless said otherwise; price and cap are the category's now. The user's locale is a subquery
 * SQLite runs once, not a join: joined, the planner started from users and sorted the whole list
 * in a temporary B-tree (BENCHMARKS.md, "The list at scale").
 */
export function leadColumns(who: Pick<SqlActor, 'company' | 'user'> = { company: ':company', user: ':user' }): string {
  return `
  r.id, r.category_id, r.description, r.region_code, r.postal_code, r.town, r.customer_type,
  r.created_at, r.expires_at, r.status, c.price_cents, c.max_buyers,
  r.confirmed_at IS NOT NULL AS confirmed, r.confirmed_via, r.answers, r.locale,
  CASE (SELECT u.locale FROM users u WHERE u.id = ${who.user})
    WHEN 'sv' THEN c.label_sv WHEN 'en' THEN c.label_en ELSE c.label_fi END AS category_label,
  (SELECT count(*) FROM purchases b WHERE b.request_id = r.id) AS buyers,
  r.duplicate_of,
  EXISTS (SELECT 1 FROM ${groupPurchases('r', who.company)}) AS purchased`;
}

/**
 * `m`: the purchases company `company` made of the requests in `request`'s duplicate group: its
 * first (`duplicate_of`, or itself) and every request linked to it (submit-request.ts). A company
 * that bought one of them has them all (S7: never a second charge for the same customer's job).
 * CROSS JOIN walks from the group (the primary key, requests_duplicate_of_idx) to
 * purchases_request_company_idx: a few index look-ups. Joined plainly, the planner started from
 * the company's purchases (purchases_company_created_idx), as revealStatements once did.
 */
export const groupPurchases = (request: string, company: string) => `requests g
  CROSS JOIN purchases m ON m.request_id = g.id AND m.company_id = ${company}
  WHERE g.id = COALESCE(${request}.duplicate_of, ${request}.id) OR g.duplicate_of = COALESCE(${request}.duplicate_of, ${request}.id)`;
/** CROSS JOIN keeps requests the outer loop, so a list walks its index in the order it shows. */
export const leadFrom = `
  requests r CROSS JOIN categories c ON c.id = r.category_id`;

/** The columns of `leadColumns`, as they are read (a query that adds columns spreads this shape). */
export const leadShape = {
  id: text,
  category_id: text,
  description: textOrNull,
  region_code: text,
  postal_code: textOrNull,
  town: textOrNull,
  customer_type: text,
  created_at: integer,
  expires_at: integer,
  status: text,
  price_cents: integer,
  max_buyers: integer,
  category_label: text,
  buyers: integer,
  purchased: boolean,
  confirmed: boolean,
  confirmed_via: orNull(oneOf(confirmVia)),
  duplicate_of: textOrNull,
  answers: textOrNull,
  locale: oneOf(locales),
};
export type LeadRow = Read<typeof leadShape>;
export const readLead = rowReader(leadShape);

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    category: row.category_id,
    categoryLabel: row.category_label,
    description: row.description,
    region: row.region_code as Lead['region'],
    postalCode: row.postal_code,
    town: row.town,
    customerType: row.customer_type as Lead['customerType'],
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    priceCents: row.price_cents,
    buyers: row.buyers,
    maxBuyers: row.max_buyers,
    purchased: row.purchased,
    confirmed: row.confirmed,
    confirmedVia: row.confirmed ? row.confirmed_via : null,
    duplicateOf: row.duplicate_of,
    answers: row.answers ? JSON.parse(row.answers) : {},
    locale: row.locale,
  };
}

export type Page<T> = { items: T[]; nextCursor: string | null };
type Cursor = { at: number; id: string };

export function encodeCursor(at: number, id: string): string {
  return btoa(`${at}:${id}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (cursor === undefined) return null;
  let decoded = '';
  try {
    decoded = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    throw invalid([issue('cursor', 'invalid_format')]);
  }
  const m = /^(\d{1,15}):([A-Za-z0-9-]{1,64})$/.exec(decoded);
  if (!m) throw invalid([issue('cursor', 'invalid_format')]);
  return { at: Number(m[1]), id: m[2]! };
}

/**
 * `confirmed`: true lists only confirmed contacts, false only unconfirmed ones, absent both.
 * `timing`, `propertyType`: the answer to that question (api/contract/questions.ts).
 */
export type LeadFilter = { region?: string; category?: string; confirmed?: boolean; timing?: string; propertyType?: string };

/**
 * The list's one statement. Conditions are added, not OR-ed with NULL parameters, so that each
 * filter of region and category has an index in the order shown (migrations/0009_lead_list_indexes.sql):
 * the list walks it from the newest and stops after a page, whatever the table's size; `confirmed`
 * is checked on the rows that walk reads. test/api/leads.plan.test.ts fails if any filter's plan
 * sorts in a temporary B-tree.
 */
export function leadListStatement(
  who: SqlActor,
  now: number,
  filter: LeadFilter,
  cursor: Cursor | null,
  limit: number,
): { sql: string; args: Record<string, InValue> } {
  const args: Record<string, InValue> = { ...who.args, now, limit };
  const where = [
    `r.status = 'open'`,
    // Unary + keeps the planner off requests_expires_idx (the life-cycle job's): nearly every
    // open request is unexpired, so that range selects all of them and then sorts them.
    '+r.expires_at > :now',
    // "Not for us" (billing/dismissals.ts): hidden from this company's list only.
    `NOT EXISTS (SELECT 1 FROM lead_dismissals d WHERE d.company_id = ${who.company} AND d.request_id = r.id)`,
  ];
  if (filter.region) {
    where.push('r.region_code = :region');
    args.region = filter.region;
  }
  if (filter.category) {
    where.push('r.category_id = :category');
    args.category = filter.category;
  }
  if (filter.confirmed !== undefined) {
    // Checked on each row the index walk reads anyway, not an index of its own (four more
    // indexes on every intake): the walk stays in the order shown and stops after a page.
    // Measured at 100 000 open requests: under 1 ms with 10–90 % confirmed, 16–22 ms when no
    // row matches and the walk reads them all (a temporary B-tree sort was 590 ms).
    where.push(filter.confirmed ? 'r.confirmed_at IS NOT NULL' : 'r.confirmed_at IS NULL');
  }
  for (const question of ['timing', 'propertyType'] as const) {
    // Checked on the rows the walk reads, like `confirmed`: an answer is optional, and a filter
    // on it narrows a page the walk fills in order.
    if (filter[question] === undefined) continue;
    where.push(`json_extract(r.answers, '$.${question}') = :${question}`);
    args[question] = filter[question];
  }
  if (cursor) {
    // A row value: the index seeks straight to the page after the cursor.
    where.push('(r.created_at, r.id) < (:at, :id)');
    args.at = cursor.at;
    args.id = cursor.id;
  }
  return {
    sql: `${who.with} SELECT ${leadColumns(who)} FROM ${leadFrom} WHERE ${where.join(' AND ')}
          ORDER BY r.created_at DESC, r.id DESC LIMIT :limit`,
    args,
  };
}

/**
 * GET /v1/leads: open, unexpired requests (S18), newest first, keyset-paged; never contact details
 * (S5). One round trip, the session's read included when it is still pending.
 */
export async function listLeads({
  ctx,
  actor,
  query,
}: {
  ctx: Ctx;
  actor: SessionUser | PendingSession;
  query: LeadFilter & { cursor?: string; limit: number };
}): Promise<Page<Lead>> {
  const cursor = decodeCursor(query.cursor);
  const now = ctx.clock.now().getTime();
  const { user, results } = await readSignedIn(ctx, actor, 'member', (who) => [
    leadListStatement(who, now, query, cursor, query.limit + 1),
  ]);
  companyOf(user);
  const { rows } = results[0]!;
  const page = rows.slice(0, query.limit).map(readLead);
  const last = page.at(-1);
  return {
    items: page.map(toLead),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/**
 * GET /v1/leads/:id. A buyer reads it in the archive until it is purged (S19); anyone else only
 * while it is open and unexpired (S18, S25), and never its contact details (S5). Two round trips
 * for a buyer (the read with the session, then the audited reveal), one for anyone else.
 */
export async function getLead({
  ctx,
  actor,
  id,
  reveal = true,
}: {
  ctx: Ctx;
  actor: SessionUser | PendingSession;
  id: string;
  /** false: a buyer's contact details are neither read nor audited (contact null), for a page that only links to the lead. */
  reveal?: boolean;
}): Promise<LeadDetail> {
  const now = ctx.clock.now().getTime();
  const { user, results } = await readSignedIn(ctx, actor, 'member', (who) => [
    {
      sql: `${who.with} SELECT ${leadColumns(who)} FROM ${leadFrom} WHERE r.id = :id AND r.status <> 'purged'`,
      args: { ...who.args, id },
    },
  ]);
  companyOf(user);
  const row = results[0]!.rows.map(readLead)[0];
  if (!row) throw new AppError('not_found');
  const lead = toLead(row);
  const status = row.status as LeadDetail['status'];
  const visible = lead.purchased || (status === 'open' && row.expires_at > now);
  // A request this company may not see answers like a missing one.
  if (!visible) throw new AppError('not_found');
  const contact = lead.purchased && reveal ? ((await revealContacts(ctx, user, [id])).get(id) ?? null) : null;
  return { ...lead, status, contact };
}

/**
 * Contact details of requests this company bought, for display. One write transaction reads
 * them and writes a `contact.viewed` audit row for each request whose details it returns,
 * so no view goes unrecorded. Erased (S24) or purged (S19, S20) details come back as absent.
 */
export async function revealContacts(ctx: Ctx, actor: SessionUser, requestIds: string[]): Promise<Map<string, Contact>> {
  const shown = new Map<string, Contact>();
  if (!requestIds.length) return shown;
  const reveal = revealStatements({ company: companyOf(actor), user: actor.id, now: ctx.clock.now().getTime() }, requestIds);
  const [, found] = await ctx.client.batch(reveal, 'write');
  for (const row of found!.rows.map(readContact)) shown.set(row.request_id, await decryptContact(ctx, row));
  return shown;
}

/**
 * The audit of a view and the read of what it shows, for one write batch (and for the plan test,
 * test/api/leads.plan.test.ts). CROSS JOIN keeps the asked requests the outer loop of the audit:
 * joined plainly, the planner started from the company's purchases (purchases_company_created_idx)
 * and walked all of them on every view, so a view cost more the more the company had bought.
 */
export function revealStatements(scope: { company: string; user: string; now: number }, requestIds: string[]): [InStatement, InStatement] {
  // Bought by this company, itself or another request of its duplicate group.
  const shownTo = (join: 'JOIN' | 'CROSS JOIN') => `
    ${join} requests r ON r.id = rc.request_id
    WHERE r.status <> 'purged' AND (rc.email_enc IS NOT NULL OR rc.phone_enc IS NOT NULL)
      AND EXISTS (SELECT 1 FROM ${groupPurchases('r', ':company')})`;
  // [audit row id, request id] pairs: one statement audits the whole page.
  const pairs = requestIds.map((requestId) => [crypto.randomUUID(), requestId]);
  return [
    {
      sql: `INSERT INTO audit_events (id, at, actor_user_id, actor_kind, action, request_id, company_id)
          SELECT json_extract(j.value, '$[0]'), :now, :user, 'user', 'contact.viewed', rc.request_id, :company
          FROM json_each(:pairs) j CROSS JOIN request_contacts rc ON rc.request_id = json_extract(j.value, '$[1]') ${shownTo('CROSS JOIN')}`,
      args: { ...scope, pairs: JSON.stringify(pairs) },
    },
    {
      sql: `SELECT rc.request_id, rc.email_enc, rc.phone_enc, rc.first_name_enc FROM request_contacts rc ${shownTo('JOIN')}
          AND rc.request_id IN (SELECT value FROM json_each(:ids))`,
      args: { company: scope.company, ids: JSON.stringify(requestIds) },
    },
  ];
}

/** `request_id, email_enc, phone_enc, first_name_enc` of request_contacts, here and in the purchase's batch (buy-lead.ts). */
export const readContact = rowReader({ request_id: text, email_enc: textOrNull, phone_enc: textOrNull, first_name_enc: textOrNull });

export async function decryptContact(ctx: Pick<Ctx, 'keys'>, row: ReturnType<typeof readContact>): Promise<Contact> {
  const id = row.request_id;
  const open = (enc: string | null, field: 'email' | 'phone' | 'firstName') =>
    enc === null ? Promise.resolve(null) : ctx.keys.decrypt(enc, contactContext(id, field));
  const [email, phone, firstName] = await Promise.all([
    open(row.email_enc, 'email'),
    open(row.phone_enc, 'phone'),
    open(row.first_name_enc, 'firstName'),
  ]);
  return email === null && phone === null ? null : { email, phone, firstName };
}
