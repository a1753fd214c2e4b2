// The sender: drains the outbox with retries and exponential backoff, on both runtimes (the
// scheduled jobs; on Node also a pump soon after writes). At most once, even across crashes:
//   1. claim:  UPDATE … SET status = 'sending', attempt_id = ? WHERE id = ? AND status = 'pending'
//              RETURNING … — one sender wins a row; the claim is on disk before anything is sent;
//   2. send;
//   3. settle: sent / pending again with a backoff / failed / unknown, WHERE attempt_id = ours.
// A row still `sending` after mail.sendingTimeoutMinutes belongs to a sender that died between 1
// and 3. It may or may not have been delivered, so it is marked `unknown` and never sent again:
// a missing mail is visible to staff in the outbox view, a doubled one could not be taken back.
import { MailError } from '../adapters/mailer.ts';
import { mail } from '../config.ts';
import { integer, rowReader, text, textOrNull } from '../db/rows.ts';
import type { Ctx } from '../domain/context.ts';
import { compose, type OutboxRow } from '../domain/notifications/compose.ts';
import { paramsContext } from '../domain/notifications/enqueue.ts';
import { renderTemplate, type TemplateId } from '../mail/templates.ts';

export type MailCtx = Pick<Ctx, 'db' | 'client' | 'keys' | 'config' | 'mailer'>;
export type DrainReport = { mailSent: number; mailRetried: number; mailFailed: number; mailCancelled: number; mailUnknown: number };

/** Seconds to wait after the n-th failed attempt: 60, 240, 960, … */
export const backoffSeconds = (attempts: number) => mail.firstRetrySeconds * mail.backoffFactor ** Math.max(0, attempts - 1);

export async function reconcileStuck(ctx: Pick<Ctx, 'client'>, now: Date): Promise<number> {
  const r = await ctx.client.execute({
    sql: `UPDATE outbox SET status = 'unknown', params_enc = NULL, attempt_id = NULL, last_error = 'interrupted'
          WHERE status = 'sending' AND claimed_at <= ?`,
    args: [now.getTime() - mail.sendingTimeoutMinutes * 60_000],
  });
  return r.rowsAffected;
}

const readDue = rowReader({ id: text });

export async function drainOutbox(ctx: MailCtx, now: Date, limit: number = mail.drainBatchSize): Promise<DrainReport> {
  const report: DrainReport = { mailSent: 0, mailRetried: 0, mailFailed: 0, mailCancelled: 0, mailUnknown: 0 };
  report.mailUnknown += await reconcileStuck(ctx, now);
  // Without mail settings in production nothing is tried: rows wait for a configured mailer.
  if (ctx.mailer.kind === 'held') return report;
  const due = await ctx.client.execute({
    sql: `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`,
    args: [now.getTime(), limit],
  });
  for (const { id } of due.rows.map(readDue)) {
    const outcome = await sendOne(ctx, id, now);
    if (outcome) report[outcome]++;
  }
  return report;
}

/** The claim's RETURNING. */
const readClaimed = rowReader({
  id: text,
  template: text,
  mail_class: text,
  locale: text,
  to_request_id: textOrNull,
  to_user_id: textOrNull,
  request_id: textOrNull,
  company_id: textOrNull,
  dedupe_key: textOrNull,
  params_enc: textOrNull,
  attempts: integer,
});

async function sendOne(ctx: MailCtx, id: string, now: Date): Promise<keyof DrainReport | null> {
  const attemptId = crypto.randomUUID();
  const claimed = await ctx.client.execute({
    sql: `UPDATE outbox SET status = 'sending', attempt_id = ?, claimed_at = ?, attempts = attempts + 1
          WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?
          RETURNING id, template, mail_class, locale, to_request_id, to_user_id, request_id, company_id, dedupe_key, params_enc, attempts`,
    args: [attemptId, now.getTime(), id, now.getTime()],
  });
  const row = claimed.rows.map(readClaimed)[0];
  // Another sender claimed it first.
  if (!row) return null;
  const settle = (sql: string, args: (string | number | null)[]) =>
    ctx.client.execute({
      sql: `UPDATE outbox SET ${sql}, attempt_id = NULL WHERE id = ? AND attempt_id = ?`,
      args: [...args, id, attemptId],
    });
  const attempts = row.attempts;
  const fail = async (err: MailError): Promise<keyof DrainReport> => {
    if (err.outcome === 'retry' && attempts < mail.maxAttempts) {
      await settle("status = 'pending', next_attempt_at = ?, last_error = ?", [now.getTime() + backoffSeconds(attempts) * 1000, err.code]);
      return 'mailRetried';
    }
    const status = err.outcome === 'unknown' ? 'unknown' : 'failed';
    await settle('status = ?, params_enc = NULL, last_error = ?', [status, err.code]);
    return status === 'unknown' ? 'mailUnknown' : 'mailFailed';
  };

  let message;
  try {
    const outboxRow = toOutboxRow(row);
    const params = row.params_enc ? JSON.parse(await ctx.keys.decrypt(row.params_enc, paramsContext(id))) : {};
    const composed = await compose(ctx, outboxRow, params, now);
    if ('cancel' in composed) {
      await settle("status = 'cancelled', params_enc = NULL, last_error = ?", [composed.cancel]);
      return 'mailCancelled';
    }
    const rendered = renderTemplate(outboxRow.template, composed.data as never, outboxRow.locale);
    message = { id, to: composed.to, ...rendered, headers: composed.headers };
  } catch (err) {
    // Reading or decrypting failed before anything was sent: safe to try again later.
    console.error(`mail ${id}: compose failed: ${(err as Error).message}`);
    return fail(new MailError('retry', 'compose_error'));
  }

  let sent;
  try {
    sent = await ctx.mailer.send(message);
  } catch (err) {
    return fail(err instanceof MailError ? err : new MailError('unknown', 'mailer_error'));
  }
  await settle("status = 'sent', sent_at = ?, provider_id = ?, params_enc = NULL, last_error = NULL", [
    now.getTime(),
    sent.providerId ?? null,
  ]);
  return 'mailSent';
}

function toOutboxRow(row: ReturnType<typeof readClaimed>): OutboxRow {
  return {
    id: row.id,
    template: row.template as TemplateId,
    mailClass: row.mail_class as OutboxRow['mailClass'],
    locale: row.locale as OutboxRow['locale'],
    toRequestId: row.to_request_id,
    toUserId: row.to_user_id,
    requestId: row.request_id,
    companyId: row.company_id,
    dedupeKey: row.dedupe_key,
  };
}

/**
 * Node: drain soon after a write and every `everyMs` (retries come due between cron runs).
 * One drain at a time; a poke during a drain runs one more after it.
 */
export function createMailPump(ctx: MailCtx & Pick<Ctx, 'clock'>, { delayMs = 200, everyMs = 60_000 } = {}) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = drainOutbox(ctx, ctx.clock.now())
      .then(
        () => undefined,
        (err: Error) => console.error('mail drain failed:', err.message),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const interval = setInterval(run, everyMs);
  interval.unref?.();
  return {
    poke() {
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
      timer.unref?.();
    },
    async stop() {
      clearInterval(interval);
      clearTimeout(timer);
      await running;
    },
  };
}
