// Staff see what was sent to whom and how it went: template, class, recipient, status, tries,
// error code. No body is stored anywhere, and a customer is named only by the request's id
// (their address stays in request_contacts, for buyers).
import type { OutboxItem } from '../../contract/notifications.ts';
import { integer, integerOrNull, rowReader, text, textOrNull } from '../../db/rows.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../session-user.ts';
import { userContext } from '../users.ts';
import type { Ctx } from '../context.ts';

const readItem = rowReader({
  id: text,
  template: text,
  mail_class: text,
  locale: text,
  to_user_id: textOrNull,
  to_request_id: textOrNull,
  name_enc: textOrNull,
  request_id: textOrNull,
  status: text,
  attempts: integer,
  last_error: textOrNull,
  created_at: integer,
  next_attempt_at: integer,
  sent_at: integerOrNull,
});

export async function listOutbox(
  ctx: Ctx,
  actor: SessionUser,
  q: { before?: Date; status?: string; limit?: number } = {},
): Promise<{ items: OutboxItem[]; older: string | null }> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const limit = Math.min(q.limit ?? 100, 200);
  const { rows } = await ctx.client.execute({
    sql: `SELECT o.*, u.name_enc FROM outbox o LEFT JOIN users u ON u.id = o.to_user_id
          WHERE (:before IS NULL OR o.created_at < :before) AND (:status IS NULL OR o.status = :status)
          ORDER BY o.created_at DESC, o.id LIMIT :limit`,
    args: { before: q.before?.getTime() ?? null, status: q.status ?? null, limit },
  });
  const items = await Promise.all(
    rows.map(readItem).map(async (r): Promise<OutboxItem> => {
      const date = (ms: number) => new Date(ms).toISOString();
      const userId = r.to_user_id;
      return {
        id: r.id,
        template: r.template,
        mailClass: r.mail_class as OutboxItem['mailClass'],
        locale: r.locale,
        recipient: userId
          ? { kind: 'user', id: userId, name: r.name_enc ? await ctx.keys.decrypt(r.name_enc, userContext(userId, 'name')) : null }
          : { kind: 'customer', id: r.to_request_id ?? '', name: null },
        requestId: r.request_id,
        status: r.status as OutboxItem['status'],
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: date(r.created_at),
        nextAttemptAt: date(r.next_attempt_at),
        sentAt: r.sent_at === null ? null : date(r.sent_at),
      };
    }),
  );
  return { items, older: rows.length === limit ? items.at(-1)!.createdAt : null };
}
