// A company's billing settings: the monthly spend cap (an owner sets their own; staff any) and
// the e-invoice address and operator Finvoice needs (staff, from the company's contract).
import type { CompanyBilling } from '../../contract/billing.ts';
import { integerOrNull, rowReader, text, textOrNull } from '../../db/rows.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../session-user.ts';
import { spendStatus } from './spend-cap.ts';
import type { Ctx } from '../context.ts';

type Patch = { spendCapCents?: number | null; einvoiceAddress?: string | null; einvoiceOperator?: string | null };

function mayManage(actor: SessionUser, companyId: string, patch?: Patch) {
  if (actor.role === 'admin') return;
  if (actor.companyId !== companyId) throw new AppError('not_found');
  if (!patch) return;
  if (actor.role !== 'owner') throw new AppError('forbidden');
  if (patch.einvoiceAddress !== undefined || patch.einvoiceOperator !== undefined) throw new AppError('forbidden');
}

/** NULL settings when the company has no company_billing row yet (LEFT JOIN). */
const readSettings = rowReader({
  id: text,
  spend_cap_cents: integerOrNull,
  einvoice_address: textOrNull,
  einvoice_operator: textOrNull,
});

export async function getCompanyBilling({
  ctx,
  actor,
  companyId,
}: {
  ctx: Ctx;
  actor: SessionUser;
  companyId: string;
}): Promise<CompanyBilling> {
  mayManage(actor, companyId);
  const { rows } = await ctx.client.execute({
    sql: `SELECT co.id, cb.spend_cap_cents, cb.einvoice_address, cb.einvoice_operator
          FROM companies co LEFT JOIN company_billing cb ON cb.company_id = co.id WHERE co.id = ?`,
    args: [companyId],
  });
  const row = rows.map(readSettings)[0];
  if (!row) throw new AppError('not_found');
  const spend = await spendStatus(ctx, companyId, ctx.clock.now().getTime());
  return {
    companyId,
    spendCapCents: row.spend_cap_cents,
    spentThisMonthCents: spend.spentCents,
    einvoiceAddress: row.einvoice_address,
    einvoiceOperator: row.einvoice_operator,
  };
}

export async function updateCompanyBilling({
  ctx,
  actor,
  companyId,
  patch,
}: {
  ctx: Ctx;
  actor: SessionUser;
  companyId: string;
  patch: Patch;
}): Promise<CompanyBilling> {
  mayManage(actor, companyId, patch);
  const set = Object.entries({
    spend_cap_cents: patch.spendCapCents,
    einvoice_address: patch.einvoiceAddress,
    einvoice_operator: patch.einvoiceOperator,
  }).filter(([, value]) => value !== undefined) as [string, string | number | null][];
  const now = ctx.clock.now().getTime();
  const { rowsAffected } = await ctx.client.execute({
    sql: `INSERT INTO company_billing (company_id, ${set.map(([k]) => `${k}, `).join('')}updated_at)
          SELECT id, ${set.map(([k]) => `:${k}, `).join('')}:now FROM companies WHERE id = :company
          ON CONFLICT (company_id) DO UPDATE SET ${set.map(([k]) => `${k} = excluded.${k}, `).join('')}updated_at = excluded.updated_at`,
    args: { ...Object.fromEntries(set), now, company: companyId },
  });
  if (!rowsAffected) throw new AppError('not_found');
  return getCompanyBilling({ ctx, actor, companyId });
}
