// The sender: drains the outbox with retries and exponential backoff, on both runtimes (the
// scheduled jobs; on Node also a pump soon after writes, on the Worker a drain after each write).
// At most once, even across crashes:
//   1. claim:  UPDATE … SET status = 'sending', attempt_id = ? WHERE id IN (the oldest due, LIMIT n)
//              AND status = 'pending' RETURNING … — one sender wins each row; the claim is on disk
//              before anything is sent;
//   2. send, mail.sendConcurrency at a time;
//   3. settle: sent / pending again with a backoff / failed / unknown, WHERE id = ? AND attempt_id = ours.
// A claimed row whose send never started (the drain ran out of time, or failed) is handed back:
// pending again, WHERE attempt_id = ours. A row still `sending` after mail.sendingTimeoutMinutes
// belongs to a sender that died between 1 and 3. It may or may not have been delivered, so it is
// marked `unknown` and never sent again: a missing mail is visible to staff in the outbox view, a
// doubled one could not be taken back. Such a death leaves at most one claim (mail.drainBatchSize
// rows) `sending`; only the sendConcurrency rows in flight can have left.
import { MailError } from '../adapters/mailer.ts';
import { mail } from '../config.ts';
import { integer, integerOrNull, rowReader, text, textOrNull } from '../db/rows.ts';
import type { Locale } from '../contract/request.ts';
import { contactContext } from '../domain/contact.ts';
import { smsCodeTemplate } from '../domain/confirm-contact.ts';
import type { Ctx } from '../domain/context.ts';
import { compose, type OutboxRow } from '../domain/notifications/compose.ts';
import { paramsContext } from '../domain/notifications/enqueue.ts';
import { renderTemplate, smsCodeText, type TemplateId } from '../mail/templates.ts';

export type MailCtx = Pick<Ctx, 'db' | 'client' | 'keys' | 'config' | 'mailer' | 'sms'>;
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

/**
 * How long one drain may go on (mail.drain has one per runtime and occasion), or until `signal`
 * aborts (the server is stopping). Time is elapsed time, not the business clock (`now` may be any
 * instant: a test's, a catch-up run's): `timer` reads milliseconds from any start,
 * performance.now() unless a test passes its own.
 */
export type DrainBudget = { seconds: number; mails?: number; timer?: () => number; signal?: AbortSignal };

export async function drainOutbox(ctx: MailCtx, now: Date, budget: DrainBudget = mail.drain.node): Promise<DrainReport> {
  return (await drain(ctx, now, budget)).report;
}

/** The claim's RETURNING. */
const readClaimed = rowReader({
  id: text,
  attempt_id: text,
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
type Claimed = ReturnType<typeof readClaimed>;

/**
 * Claims come while they come back full, the budget lasts and no send failed to settle; each of
 * sendConcurrency loops takes the next claimed row, sends and settles it. `moreDue`: stopped
 * early (time, mails or an error), so more may be waiting.
 */
async function drain(ctx: MailCtx, now: Date, budget: DrainBudget): Promise<{ report: DrainReport; moreDue: boolean }> {
  const report: DrainReport = { mailSent: 0, mailRetried: 0, mailFailed: 0, mailCancelled: 0, mailUnknown: 0 };
  report.mailUnknown += await reconcileStuck(ctx, now);
  // Without mail (SMS) settings in production no mail (text) is tried: rows wait for a configured sender.
  if (ctx.mailer.kind === 'held' && ctx.sms.kind === 'held') return { report, moreDue: false };
  const only = ctx.mailer.kind === 'held' ? 'sms' : ctx.sms.kind === 'held' ? 'mail' : undefined;
  const timer = budget.timer ?? (() => performance.now());
  const started = timer();
  const inTime = () => !budget.signal?.aborted && timer() - started < budget.seconds * 1000;
  const cap = budget.mails ?? Number.POSITIVE_INFINITY;
  const queue: Claimed[] = [];
  let claimedRows = 0;
  // A claim came back short: nothing more is due.
  let drained = false;
  let failed = false;
  let claiming: Promise<void> | undefined;
  const next = async (): Promise<Claimed | undefined> => {
    for (;;) {
      if (failed || !inTime()) return undefined;
      const row = queue.shift();
      if (row) return row;
      if (drained || claimedRows >= cap) return undefined;
      // One claim at a time; the loops that find the queue empty wait for the same one.
      claiming ??= (async () => {
        const size = Math.min(mail.drainBatchSize, cap - claimedRows);
        const rows = await claimDue(ctx, now, size, only);
        claimedRows += rows.length;
        queue.push(...rows);
        if (rows.length < size) drained = true;
      })().finally(() => {
        claiming = undefined;
      });
      await claiming;
    }
  };
  const sender = async () => {
    try {
      for (let row = await next(); row; row = await next()) {
        const outcome = await sendOne(ctx, row, now);
        report[outcome]++;
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const ended = await Promise.allSettled(Array.from({ length: mail.sendConcurrency }, sender));
  const failure = ended.find((e) => e.status === 'rejected');
  // Rows claimed but never handed to the mailer: certainly not sent, so they go back as they were.
  // If that fails too, the first error is the one reported (the rows turn `unknown` in time).
  if (queue.length) await release(ctx, queue).catch((err: unknown) => (failure ? undefined : Promise.reject(err)));
  if (failure) throw failure.reason;
  return { report, moreDue: !drained };
}

/**
 * Race: senders draining at once (the pump, the cron, a drain after each write on the Worker).
 * The due rows are picked and taken in one statement, so SQLite's single writer gives each row
 * to one claim; `status = 'pending'` is checked again at write time. One attempt id per claim:
 * a settle matches `id = ? AND attempt_id = ?`, and a row is claimed at most once per claim.
 * `+status`: without it SQLite (no ANALYZE statistics) walks every pending row through
 * outbox_due_idx instead of looking up the claimed ids: 43 ms against 0.6 ms a claim with
 * 100 000 pending rows (BENCHMARKS.md, the mail sender).
 */
export const claimStatement = (attemptId: string, now: Date, size: number, only?: 'mail' | 'sms') => ({
  sql: `UPDATE outbox SET status = 'sending', attempt_id = ?, claimed_at = ?, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
                     ${only ? `AND template ${only === 'sms' ? '=' : '!='} '${smsCodeTemplate}'` : ''}
                     ORDER BY next_attempt_at, created_at LIMIT ?)
          AND +status = 'pending'
        RETURNING id, attempt_id, template, mail_class, locale, to_request_id, to_user_id, request_id, company_id,
                  dedupe_key, params_enc, attempts`,
  args: [attemptId, now.getTime(), now.getTime(), size],
});

/** `only`: the one channel whose sender is configured (the other's rows wait, untouched). */
async function claimDue(ctx: MailCtx, now: Date, size: number, only?: 'mail' | 'sms'): Promise<Claimed[]> {
  const claimed = await ctx.client.execute(claimStatement(crypto.randomUUID(), now, size, only));
  return claimed.rows.map(readClaimed);
}

/** Claimed rows this drain never started: pending again, the claim's attempt not counted. */
async function release(ctx: MailCtx, rows: Claimed[]): Promise<void> {
  const byAttempt = new Map<string, Claimed[]>();
  for (const r of rows) byAttempt.set(r.attempt_id, [...(byAttempt.get(r.attempt_id) ?? []), r]);
  // Race: reconcileStuck of another sender. A row it already marked `unknown` has lost our
  // attempt id and is left alone.
  await ctx.client.batch(
    [...byAttempt].map(([attemptId, claimed]) => ({
      sql: `UPDATE outbox SET status = 'pending', attempt_id = NULL, claimed_at = NULL, attempts = attempts - 1
            WHERE attempt_id = ? AND status = 'sending' AND id IN (SELECT value FROM json_each(?))`,
      args: [attemptId, JSON.stringify(claimed.map((r) => r.id))],
    })),
    'write',
  );
}

async function sendOne(ctx: MailCtx, row: Claimed, now: Date): Promise<keyof DrainReport> {
  const { id, attempt_id: attemptId } = row;
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

  if (row.template === smsCodeTemplate) return sendText(ctx, row, now, { settle, fail });

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

/**
 * A code by SMS (confirm-contact.ts), settled like a mail. Cancelled when it has no use any more:
 * the request confirmed, gone, or its phone erased.
 */
async function sendText(
  ctx: MailCtx,
  row: Claimed,
  now: Date,
  {
    settle,
    fail,
  }: { settle: (sql: string, args: (string | number | null)[]) => Promise<unknown>; fail: (err: MailError) => Promise<keyof DrainReport> },
): Promise<keyof DrainReport> {
  let message;
  try {
    const { rows } = await ctx.client.execute({
      sql: `SELECT r.status, r.confirmed_at, rc.phone_enc FROM requests r LEFT JOIN request_contacts rc ON rc.request_id = r.id WHERE r.id = ?`,
      args: [row.to_request_id],
    });
    const r = rows.map(readTextTarget)[0];
    const cancel =
      !r || r.status === 'purged' || r.status === 'removed'
        ? 'request_gone'
        : r.confirmed_at !== null
          ? 'confirmed'
          : r.phone_enc
            ? null
            : 'no_address';
    if (cancel) {
      await settle("status = 'cancelled', params_enc = NULL, last_error = ?", [cancel]);
      return 'mailCancelled';
    }
    const { code, manageToken } = JSON.parse(await ctx.keys.decrypt(row.params_enc ?? '', paramsContext(row.id))) as {
      code: string;
      manageToken: string;
    };
    const to = await ctx.keys.decrypt(r!.phone_enc!, contactContext(row.to_request_id!, 'phone'));
    // The manage page takes the code too: a customer whose thank-you view is gone (a reload) still confirms.
    const manageUrl = `${ctx.config.publicUrl}/manage?lang=${row.locale}#${manageToken}`;
    message = { id: row.id, to, text: smsCodeText(code, manageUrl, row.locale as Locale) };
  } catch (err) {
    console.error(`sms ${row.id}: compose failed: ${(err as Error).message}`);
    return fail(new MailError('retry', 'compose_error'));
  }
  let sent;
  try {
    sent = await ctx.sms.send(message);
  } catch (err) {
    return fail(err instanceof MailError ? err : new MailError('unknown', 'sms_error'));
  }
  await settle("status = 'sent', sent_at = ?, provider_id = ?, params_enc = NULL, last_error = NULL", [
    now.getTime(),
    sent.providerId ?? null,
  ]);
  return 'mailSent';
}

const readTextTarget = rowReader({ status: text, confirmed_at: integerOrNull, phone_enc: textOrNull });

function toOutboxRow(row: Claimed): OutboxRow {
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
 * One drain at a time; a poke during a drain runs one more after it, and so does a drain that
 * stopped on its budget with mail still due, so a backlog goes out at the sender's full speed.
 */
export function createMailPump(
  ctx: MailCtx & Pick<Ctx, 'clock'>,
  { delayMs = 200, everyMs = 60_000, budget = mail.drain.node }: { delayMs?: number; everyMs?: number; budget?: DrainBudget } = {},
) {
  let running: Promise<void> | null = null;
  let again = false;
  const stopping = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = drain(ctx, ctx.clock.now(), { ...budget, signal: stopping.signal })
      .then(
        ({ moreDue }) => {
          again ||= moreDue;
        },
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
    /** No send starts after this; the ones in flight are settled and the claimed rest handed back. */
    async stop() {
      stopping.abort();
      clearInterval(interval);
      clearTimeout(timer);
      await running;
    },
  };
}
