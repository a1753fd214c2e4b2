// Built-in, cookieless counters per partner and day (S13): widget shown, form started,
// request sent. The statement joins the batch of whatever it counts.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { helsinkiDay } from '../contract/dates.ts';
import type { Database } from '../db/client.ts';
import { partnerCounters, type widgetEvents } from '../db/schema/counters.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from './session-user.ts';
import type { Ctx } from './context.ts';

export type WidgetEvent = (typeof widgetEvents)[number];

/** Finnish calendar day: the partners' day, not UTC's. */
export const counterDay = (at: Date): string => helsinkiDay(at);

export function countEvent(db: Database, partnerId: string, event: WidgetEvent, at: Date) {
  return db
    .insert(partnerCounters)
    .values({ partnerId, day: counterDay(at), event, count: 1 })
    .onConflictDoUpdate({
      target: [partnerCounters.partnerId, partnerCounters.day, partnerCounters.event],
      set: { count: sql`${partnerCounters.count} + 1` },
    });
}

/** Staff read a partner's counters for a range of days (inclusive, YYYY-MM-DD). */
export async function partnerStats(ctx: Pick<Ctx, 'db'>, actor: SessionUser, partnerId: string, from: string, to: string) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const rows = await ctx.db
    .select()
    .from(partnerCounters)
    .where(and(eq(partnerCounters.partnerId, partnerId), gte(partnerCounters.day, from), lte(partnerCounters.day, to)))
    .orderBy(asc(partnerCounters.day));
  const days = new Map<string, Record<WidgetEvent, number>>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { shown: 0, started: 0, sent: 0 };
    d[r.event] = r.count;
    days.set(r.day, d);
  }
  return [...days].map(([day, counts]) => ({ day, ...counts }));
}
