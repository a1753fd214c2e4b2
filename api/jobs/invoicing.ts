// The billing step of the scheduled jobs: the previous month's invoices (S2, S7), and tidying
// what billing keeps beside requests. Like every job step it compares with `now`, so it is safe
// to run twice or concurrently, and a run after downtime catches up: the first run on the 1st
// of a month (Finnish time) issues last month's invoices, and any later run issues what is missing.
import { issueMonth } from '../domain/billing/issue-invoices.ts';
import { previousPeriod } from '../domain/billing/periods.ts';
import type { Ctx } from '../domain/context.ts';

/** The seller comes from config; callers without it (a bare client) run the tidying only. */
export async function runInvoicing(ctx: Pick<Ctx, 'client'> & Partial<Pick<Ctx, 'config'>>, now: Date) {
  // No seller (production without SELLER_*): nothing is issued until it is set; the rest runs.
  const config = ctx.config;
  const issued = config?.seller
    ? (await issueMonth({ client: ctx.client, config }, previousPeriod(now), now.getTime())).issued.length
    : 0;
  const [notes, dismissals] = await ctx.client.batch([
    // A claim's free text may name the customer; it goes when the request's personal data goes (S20).
    {
      sql: `UPDATE credit_claims SET note = NULL, decision_note = NULL
            WHERE (note IS NOT NULL OR decision_note IS NOT NULL)
              AND request_id IN (SELECT id FROM requests WHERE status = 'purged')`,
      args: [],
    },
    // "Not for us" matters only while a request is listed.
    {
      sql: `DELETE FROM lead_dismissals WHERE request_id IN (
              SELECT id FROM requests WHERE status <> 'open' OR expires_at <= ?)`,
      args: [now.getTime()],
    },
  ], 'write');
  return { invoicesIssued: issued, claimNotesCleared: notes!.rowsAffected, dismissalsDeleted: dismissals!.rowsAffected };
}
