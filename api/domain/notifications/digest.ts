// Daily digests: once a Finnish day, from mail.digestHour, each user who chose `daily` gets one
// mail listing the open requests their company serves that came in since their last digest (at
// most a day back). The dedupe key makes the step safe to run every 15 minutes and concurrently.
import { sql } from 'drizzle-orm';
import { mail } from '../../config.ts';
import { helsinkiDay, helsinkiWall } from '../../contract/dates.ts';
import { integerOrNull, rowReader, text } from '../../db/rows.ts';
import { insertMail, mailRow, servesRequest } from './enqueue.ts';
import type { Ctx } from '../context.ts';

/** Date and hour in Finland, whatever the server's zone (both runtimes have full Intl). */
export function finnishDay(now: Date): { day: string; hour: number } {
  return { day: helsinkiDay(now), hour: helsinkiWall(now).hour };
}

/** `last_digest` is NULL before the user's first digest. */
const readRecipient = rowReader({ id: text, locale: text, company_id: text, last_digest: integerOrNull });

export async function queueDigests(ctx: Pick<Ctx, 'db' | 'client' | 'keys'>, now: Date): Promise<number> {
  const { day, hour } = finnishDay(now);
  if (hour < mail.digestHour) return 0;
  const t = now.getTime();
  const { rows: readers } = await ctx.client.execute({
    sql: `SELECT u.id, u.locale, u.company_id, c.regions, c.categories,
            (SELECT max(o.created_at) FROM outbox o WHERE o.template = 'lead.digest' AND o.to_user_id = u.id) AS last_digest
          FROM users u JOIN companies c ON c.id = u.company_id JOIN notification_settings s ON s.user_id = u.id
          WHERE s.alerts = 'daily' AND u.active = 1 AND c.active = 1 AND u.password_hash IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'digest:' || u.id || ':' || ?)`,
    args: [day],
  });
  let queued = 0;
  for (const u of readers.map(readRecipient)) {
    const since = Math.max(u.last_digest ?? 0, t - 24 * 3600_000);
    const leads = await ctx.db.all<{ id: string }>(sql`
      SELECT r.id FROM requests r, companies c
      WHERE c.id = ${u.company_id} AND r.status = 'open' AND r.expires_at > ${t}
        AND r.created_at >= ${since} AND r.created_at < ${t}
        AND ${servesRequest(sql.raw('r.region_code'), sql.raw('r.category_id'))}
      ORDER BY r.created_at LIMIT 50`);
    if (!leads.length) continue;
    const row = await mailRow(ctx, {
      template: 'lead.digest',
      locale: u.locale as 'fi',
      to: { userId: u.id },
      now,
      companyId: u.company_id,
      params: { requestIds: leads.map((l) => l.id) },
      dedupeKey: `digest:${u.id}:${day}`,
    });
    // A concurrent run wrote the same digest first: the unique key keeps one.
    const done = await insertMail(ctx.db, row).onConflictDoNothing().returning({ id: sql<string>`id` });
    queued += done.length;
  }
  return queued;
}
