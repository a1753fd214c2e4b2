// Mail joins the write batch of the action that causes it: these build the outbox rows (and the
// statements) that verbs add to their own batch. Sending happens later (api/jobs/send-mail.ts),
// so a slow or broken mail server never slows or fails the action.
import type { InValue } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { mail } from '../../config.ts';
import { addDays } from '../../contract/dates.ts';
import type { Locale } from '../../contract/request.ts';
import type { Database } from '../../db/client.ts';
import { outbox } from '../../db/schema/outbox.ts';
import { mailClassOf, type TemplateId } from '../../mail/templates.ts';
import { cappedConfirmationOf, capsFor, countConfirmation, insertConfirmation, insertFollowUp } from './mail-caps.ts';
import type { Ctx } from '../context.ts';

export type Recipient = { requestId: string } | { userId: string };
type Row = typeof outbox.$inferInsert;

export const paramsContext = (id: string) => `outbox:${id}:params`;

/** An outbox row; `params` (secrets such as a manage token) are encrypted, bound to the row. */
export async function mailRow(
  ctx: Pick<Ctx, 'keys'>,
  m: {
    template: TemplateId;
    locale: Locale;
    to: Recipient;
    now: Date;
    notBefore?: Date;
    requestId?: string;
    companyId?: string | null;
    params?: Record<string, unknown>;
    dedupeKey?: string;
  },
): Promise<Row> {
  const id = crypto.randomUUID();
  return {
    id,
    template: m.template,
    mailClass: mailClassOf[m.template],
    locale: m.locale,
    toRequestId: 'requestId' in m.to ? m.to.requestId : null,
    toUserId: 'userId' in m.to ? m.to.userId : null,
    requestId: m.requestId ?? ('requestId' in m.to ? m.to.requestId : null),
    companyId: m.companyId ?? null,
    paramsEnc: m.params ? await ctx.keys.encrypt(JSON.stringify(m.params), paramsContext(id)) : null,
    dedupeKey: m.dedupeKey ?? null,
    nextAttemptAt: m.notBefore ?? m.now,
    createdAt: m.now,
  };
}

export const insertMail = (db: Database, row: Row) => db.insert(outbox).values(row);

/**
 * What a new request sends: the confirmation with the manage link, the reminder before expiry
 * (it carries the manage token for its one-click close, so it is written now: the token exists
 * only at this moment) and the marketing-class feedback mail (S23, checked again at send time),
 * all only when the customer gave an email, and all `capped` when the confirmation is over a
 * mail cap (mail-caps.ts); and instant alerts to contractors whose company serves this region
 * and category.
 */
export async function intakeMail(
  ctx: Pick<Ctx, 'keys' | 'db' | 'config'>,
  r: {
    id: string;
    partnerId: string;
    locale: Locale;
    email: string | null;
    manageToken: string;
    regionCode: string;
    categoryId: string;
    now: Date;
    expiresAt: Date;
    /** Held until confirmed (REQUIRE_CONFIRMED_CONTACT): contractors are alerted on confirmation instead. */
    held: boolean;
  },
) {
  const alerts = r.held ? [] : [instantAlerts(ctx.db, r)];
  if (!r.email) return alerts;
  const customer = { requestId: r.id };
  const confirmation = await mailRow(ctx, {
    template: 'request.confirmation',
    locale: r.locale,
    to: customer,
    now: r.now,
    params: { manageToken: r.manageToken },
  });
  const reminder = await mailRow(ctx, {
    template: 'request.expiring',
    locale: r.locale,
    to: customer,
    now: r.now,
    params: { manageToken: r.manageToken },
    notBefore: addDays(r.expiresAt, -mail.reminderDaysBeforeExpiry),
  });
  const feedback = await mailRow(ctx, {
    template: 'request.feedback',
    locale: r.locale,
    to: customer,
    now: r.now,
    notBefore: addDays(r.now, mail.feedbackDays),
  });
  const caps = await capsFor(ctx, r.email, r.partnerId, r.now);
  return [
    insertConfirmation(ctx.db, confirmation, caps),
    countConfirmation(ctx.db, confirmation.id, [caps.address, caps.partner]),
    insertFollowUp(ctx.db, [reminder, feedback], confirmation.id),
    ...alerts,
  ];
}

/** A company with no regions (or categories) chosen serves them all. */
export const servesRequest = (region: string | SQL, category: string | SQL) => sql`
  (c.regions = '[]' OR EXISTS (SELECT 1 FROM json_each(c.regions) WHERE value = ${region}))
  AND (c.categories = '[]' OR EXISTS (SELECT 1 FROM json_each(c.categories) WHERE value = ${category}))`;

/**
 * One alert per active user who wants them at once; rendered at send time, never with contact
 * details. At intake, or when a held request is confirmed (confirm-contact.ts): the dedupe key
 * lets one alert per user and request through, whichever comes and however often.
 */
export function instantAlerts(db: Database, r: { id: string; regionCode: string; categoryId: string; now: Date }) {
  const at = r.now.getTime();
  return db.run(sql`
    INSERT OR IGNORE INTO outbox (id, template, mail_class, locale, to_user_id, request_id, company_id, status, attempts, next_attempt_at, created_at, dedupe_key)
    SELECT lower(hex(randomblob(16))), 'lead.alert', 'service', u.locale, u.id, ${r.id}, u.company_id, 'pending', 0, ${at}, ${at},
      'alert:' || ${r.id} || ':' || u.id
    FROM users u JOIN companies c ON c.id = u.company_id
    LEFT JOIN notification_settings s ON s.user_id = u.id
    WHERE u.active = 1 AND c.active = 1 AND u.password_hash IS NOT NULL AND COALESCE(s.alerts, 'instant') = 'instant'
      AND ${servesRequest(r.regionCode, r.categoryId)}`);
}

/**
 * The purchase batch's mail (api/domain/buy-lead.ts): the buyer's receipt and the customer's
 * note (company name only), each written only if this batch's purchase row exists.
 */
export function purchaseMail(b: {
  purchaseId: string;
  requestId: string;
  company: string;
  userId: string;
  now: number;
}): { sql: string; args: Record<string, InValue> }[] {
  const made = 'EXISTS (SELECT 1 FROM purchases WHERE id = :purchase)';
  const args = { purchase: b.purchaseId, request: b.requestId, company: b.company, now: b.now };
  return [
    {
      sql: `INSERT INTO outbox (id, template, mail_class, locale, to_user_id, request_id, company_id, next_attempt_at, created_at)
            SELECT :mail, 'purchase.receipt', 'service', u.locale, u.id, :request, :company, :now, :now
            FROM users u WHERE u.id = :user AND ${made}`,
      args: { ...args, mail: crypto.randomUUID(), user: b.userId },
    },
    {
      // A request whose confirmation was capped (mail-caps.ts) gets no customer mail at all: recorded, not sent.
      sql: `INSERT INTO outbox (id, template, mail_class, locale, to_request_id, request_id, company_id, status, last_error, next_attempt_at, created_at)
            SELECT :mail, 'request.bought', 'service', r.locale, r.id, r.id, :company,
              CASE WHEN cap.reason IS NULL THEN 'pending' ELSE 'capped' END, cap.reason, :now, :now
            FROM requests r JOIN request_contacts rc ON rc.request_id = r.id, (SELECT ${cappedConfirmationOf(':request')} AS reason) cap
            WHERE r.id = :request AND rc.email_enc IS NOT NULL AND ${made}`,
      args: { ...args, mail: crypto.randomUUID() },
    },
  ];
}

/**
 * The invoice batch's mail (api/domain/billing/issue-invoices.ts): one to each active owner of
 * the company, in their own language, written only if this batch's invoice row exists. The
 * dedupe key names the invoice (compose reads it) and keeps it to one per owner and invoice.
 */
export const invoiceMailSql = `INSERT INTO outbox (id, template, mail_class, locale, to_user_id, company_id, dedupe_key, next_attempt_at, created_at)
  SELECT lower(hex(randomblob(16))), 'invoice.issued', 'service', u.locale, u.id, u.company_id,
    'invoice:' || :invoice || ':' || u.id, :now, :now
  FROM users u
  WHERE u.company_id = :company AND u.role = 'owner' AND u.active = 1
    AND EXISTS (SELECT 1 FROM invoices WHERE id = :invoice AND company_id = :company)`;

/** The invoice an `invoice.issued` row announces, from its dedupe key. */
export const invoiceOfMail = (dedupeKey: string | null) => (dedupeKey?.startsWith('invoice:') ? (dedupeKey.split(':')[1] ?? null) : null);

/** Closing (S25) or erasing the contact (S24): mail still waiting for this customer is cancelled and its secrets dropped. */
export function cancelCustomerMail(db: Database, requestId: string, templates?: TemplateId[]) {
  const only = templates
    ? sql` AND template IN (${sql.join(
        templates.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  return db.run(sql`
    UPDATE outbox SET status = 'cancelled', params_enc = NULL, last_error = 'withdrawn'
    WHERE to_request_id = ${requestId} AND status = 'pending'${only}`);
}
