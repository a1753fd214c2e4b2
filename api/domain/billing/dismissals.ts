// "Not for us": a contractor hides an open request from their own company's list, at no
// charge. It changes nothing for the customer or for other companies, and can be undone.
import { AppError } from '../errors.ts';
import { boolean, integer, rowReader, text } from '../../db/rows.ts';
import { companyOf, leadColumns, leadFrom, readLead, toLead } from '../leads.ts';
import type { SessionUser } from '../session-user.ts';
import type { Ctx } from '../context.ts';

/** Why a dismissal wrote nothing. */
const readRefusal = rowReader({ status: text, expires_at: integer, bought: boolean, hidden: boolean });

export async function dismissLead({ ctx, actor, id }: { ctx: Ctx; actor: SessionUser; id: string }): Promise<void> {
  const company = companyOf(actor);
  const now = ctx.clock.now().getTime();
  const { rowsAffected } = await ctx.client.execute({
    sql: `INSERT INTO lead_dismissals (company_id, request_id, user_id, created_at)
          SELECT :company, r.id, :user, :now FROM requests r
          WHERE r.id = :id AND r.status = 'open' AND r.expires_at > :now
            AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.request_id = r.id AND p.company_id = :company)
          ON CONFLICT (company_id, request_id) DO NOTHING`,
    args: { company, user: actor.id, now, id },
  });
  if (rowsAffected) return;
  const { rows } = await ctx.client.execute({
    sql: `SELECT r.status, r.expires_at,
            EXISTS (SELECT 1 FROM purchases p WHERE p.request_id = r.id AND p.company_id = :company) AS bought,
            EXISTS (SELECT 1 FROM lead_dismissals d WHERE d.request_id = r.id AND d.company_id = :company) AS hidden
          FROM requests r WHERE r.id = :id`,
    args: { company, id },
  });
  const row = rows.map(readRefusal)[0];
  if (row?.hidden) return; // hidden already: the same answer
  if (row?.bought) throw new AppError('already_bought');
  // Not open any more: nothing to hide, and nothing this company may see.
  throw new AppError(row && row.status !== 'purged' && row.status !== 'removed' ? 'gone' : 'not_found');
}

export async function undismissLead({ ctx, actor, id }: { ctx: Ctx; actor: SessionUser; id: string }): Promise<void> {
  await ctx.client.execute({
    sql: 'DELETE FROM lead_dismissals WHERE company_id = ? AND request_id = ?',
    args: [companyOf(actor), id],
  });
}

/** The open requests this company hid, newest first, to show again. */
export async function listDismissed({ ctx, actor }: { ctx: Ctx; actor: SessionUser }) {
  const company = companyOf(actor);
  const { rows } = await ctx.client.execute({
    sql: `SELECT ${leadColumns()} FROM ${leadFrom}
          JOIN lead_dismissals d ON d.request_id = r.id AND d.company_id = :company
          WHERE r.status = 'open' AND r.expires_at > :now
          ORDER BY d.created_at DESC LIMIT 200`,
    args: { company, user: actor.id, now: ctx.clock.now().getTime() },
  });
  return rows.map(readLead).map(toLead);
}
