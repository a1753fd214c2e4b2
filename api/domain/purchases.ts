// A company's archive: the requests it bought, with their contact details, until the purge
// (S5, S19, S20). Each shown contact is audited in the transaction that reads it.
import type { PurchaseItem } from '../contract/leads.ts';
import type { Ctx } from './context.ts';
import { integer, rowReader, text } from '../db/rows.ts';
import { companyOf, decodeCursor, encodeCursor, leadColumns, leadFrom, leadShape, revealContacts, toLead, type Page } from './leads.ts';
import type { SessionUser } from './session-user.ts';

const readPurchase = rowReader({ ...leadShape, purchase_id: text, purchased_at: integer, paid_cents: integer });

/** GET /v1/purchases: newest purchase first, keyset-paged by (purchase time, purchase id). */
export async function listPurchases({
  ctx,
  actor,
  query,
}: {
  ctx: Ctx;
  actor: SessionUser;
  query: { cursor?: string; limit: number };
}): Promise<Page<PurchaseItem>> {
  const company = companyOf(actor);
  const cursor = decodeCursor(query.cursor);
  const after = cursor ? 'AND (p.created_at < :at OR (p.created_at = :at AND p.id < :id))' : '';
  const { rows } = await ctx.client.execute({
    // purchases_company_created_idx serves the filter and the order.
    sql: `SELECT ${leadColumns()}, p.id AS purchase_id, p.created_at AS purchased_at, p.price_cents AS paid_cents
          FROM purchases p, ${leadFrom}
          WHERE r.id = p.request_id AND p.company_id = :company AND r.status <> 'purged' ${after}
          ORDER BY p.created_at DESC, p.id DESC LIMIT :limit`,
    args: { company, user: actor.id, limit: query.limit + 1, ...(cursor ? { at: cursor.at, id: cursor.id } : {}) },
  });
  const page = rows.slice(0, query.limit).map(readPurchase);
  const contacts = await revealContacts(
    ctx,
    actor,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...toLead(row),
      status: row.status as PurchaseItem['status'],
      contact: contacts.get(row.id) ?? null,
      purchaseId: row.purchase_id,
      purchasedAt: new Date(row.purchased_at).toISOString(),
      priceCents: row.paid_cents,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.purchased_at, last.purchase_id) : null,
  };
}
