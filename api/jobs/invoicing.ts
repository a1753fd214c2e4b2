// The billing step of the scheduled jobs: the previous month's invoices (S2, S7), and tidying
// what billing keeps beside requests. Like every job step it compares with `now`, so it is safe
// to run twice or concurrently, and a run after downtime catches up: the first run on the 1st
// of a month (Finnish time) issues last month's invoices, and any later run issues what is missing.
import { issueMonth } from '../domain/billing/issue-invoices.ts';
import { previousPeriod } from '../domain/billing/periods.ts';
import { tidyBilling } from '../domain/billing/tidy.ts';
import { systemActor, type Ctx } from '../domain/context.ts';

/** The seller comes from config; callers without it (a bare client) run the tidying only. */
export async function runInvoicing(ctx: Pick<Ctx, 'client'> & Partial<Pick<Ctx, 'config'>>, now: Date) {
  // No seller (production without SELLER_*): nothing is issued until it is set; the rest runs.
  const config = ctx.config;
  const issued = config?.seller ? (await issueMonth({ client: ctx.client, config }, previousPeriod(now), now.getTime())).issued.length : 0;
  return { invoicesIssued: issued, ...(await tidyBilling({ ctx, actor: systemActor('invoicing'), input: { now } })) };
}
