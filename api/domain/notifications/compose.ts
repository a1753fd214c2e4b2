// At send time, an outbox row becomes an address and a template's data, read from the database
// as it is now: an erased or purged contact, a closed request, a used invite or a marketing ban
// (S23) cancels the mail instead. Contact values appear only in the customer's own confirmation.
import type { Row } from '@libsql/client';
import { sha256Hex } from '../../adapters/keys.ts';
import { boolean, integer, integerOrNull, rowReader, text, textOrNull } from '../../db/rows.ts';
import type { Locale } from '../../contract/request.ts';
import { regions } from '../../contract/regions.ts';
import type { LeadLink, TemplateData, TemplateId } from '../../mail/templates.ts';
import { month } from '../billing/periods.ts';
import { referenceNumber } from '../billing/reference.ts';
import { contactContext } from '../contact.ts';
import { answerText, questionsFor } from '../../contract/questions.ts';
import { linkProof } from '../confirm-contact.ts';
import { userContext } from '../users.ts';
import { invoiceOfMail } from './enqueue.ts';
import { unsubscribeUrl } from './preferences.ts';
import type { Ctx } from '../context.ts';

export type OutboxRow = {
  id: string;
  template: TemplateId;
  mailClass: 'service' | 'marketing';
  locale: Locale;
  toRequestId: string | null;
  toUserId: string | null;
  requestId: string | null;
  companyId: string | null;
  dedupeKey: string | null;
};
export type Composed = { to: string; data: TemplateData[TemplateId]; headers?: Record<string, string> } | { cancel: string };

const regionName = (code: string, lang: Locale) => regions.find((r) => r.code === code)?.[lang] ?? code;
const labelColumn = { fi: 'label_fi', sv: 'label_sv', en: 'label_en' } as const;

type Args = Record<string, string | number | null>;

/** The first row, read by `read`; undefined when there is none. */
async function one<T>(ctx: Pick<Ctx, 'client'>, sql: string, args: Args, read: (row: Row) => T): Promise<T | undefined> {
  return (await ctx.client.execute({ sql, args })).rows.map(read)[0];
}

async function exists(ctx: Pick<Ctx, 'client'>, sql: string, args: Args): Promise<boolean> {
  return (await ctx.client.execute({ sql, args })).rows.length > 0;
}

/** The request and its contact row (NULL contact columns once erased or purged). */
const readRequest = rowReader({
  id: text,
  partner_id: text,
  category_id: text,
  description: textOrNull,
  status: text,
  expires_at: integer,
  email_enc: textOrNull,
  email_hash: textOrNull,
  phone_enc: textOrNull,
  first_name_enc: textOrNull,
  answers: textOrNull,
  confirmed_at: integerOrNull,
});

/** The request's own address, or why there is none to write to. */
async function customerAddress(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  row: OutboxRow,
): Promise<{ email: string; request: ReturnType<typeof readRequest> } | { cancel: string }> {
  const request = await one(
    ctx,
    `SELECT r.*, rc.email_enc, rc.email_hash, rc.phone_enc, rc.first_name_enc FROM requests r
    LEFT JOIN request_contacts rc ON rc.request_id = r.id WHERE r.id = :id`,
    { id: row.toRequestId },
    readRequest,
  );
  if (!request || request.status === 'purged' || request.status === 'removed') return { cancel: 'request_gone' };
  if (!request.email_enc) return { cancel: 'no_address' };
  if (row.mailClass === 'marketing') {
    // S23 for the person, not only this request: any of their requests with the ban stops it.
    const banned = await exists(
      ctx,
      `SELECT 1 AS banned FROM request_contacts rc JOIN requests r ON r.id = rc.request_id
      WHERE rc.email_hash = :hash AND r.marketing_opt_out = 1 LIMIT 1`,
      { hash: request.email_hash },
    );
    if (banned) return { cancel: 'marketing_opt_out' };
  }
  const email = await ctx.keys.decrypt(request.email_enc, contactContext(request.id, 'email'));
  return { email, request };
}

const readUser = rowReader({
  id: text,
  role: text,
  company_id: textOrNull,
  email_enc: text,
  active: boolean,
  alerts: text,
});

async function userAddress(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  row: OutboxRow,
): Promise<{ email: string; user: ReturnType<typeof readUser> } | { cancel: string }> {
  const user = await one(
    ctx,
    `SELECT u.*, COALESCE(s.alerts, 'instant') AS alerts FROM users u
    LEFT JOIN notification_settings s ON s.user_id = u.id WHERE u.id = :id`,
    { id: row.toUserId },
    readUser,
  );
  if (!user?.active) return { cancel: 'user_inactive' };
  return { email: await ctx.keys.decrypt(user.email_enc, userContext(user.id, 'email')), user };
}

const readLeadLink = rowReader({
  id: text,
  region_code: text,
  postal_code: textOrNull,
  town: textOrNull,
  created_at: integer,
  expires_at: integer,
  status: text,
  label: text,
  price_cents: integer,
});

async function leadLinks(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  ids: string[],
  lang: Locale,
  openOnly: boolean,
): Promise<LeadLink[]> {
  if (!ids.length) return [];
  const { rows } = await ctx.client.execute({
    sql: `SELECT r.id, r.region_code, r.postal_code, r.town, r.created_at, r.expires_at, r.status,
            c.${labelColumn[lang]} AS label, c.price_cents
          FROM requests r JOIN categories c ON c.id = r.category_id
          WHERE r.id IN (${ids.map(() => '?').join(', ')}) ${openOnly ? "AND r.status = 'open'" : ''}
          ORDER BY r.created_at`,
    args: ids,
  });
  return rows.map(readLeadLink).map((r) => ({
    category: r.label,
    region: regionName(r.region_code, lang),
    postalCode: r.postal_code,
    town: r.town,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    priceCents: r.price_cents,
    url: `${ctx.config.publicUrl}/dashboard/leads/${r.id}`,
  }));
}

async function openInvite(ctx: Pick<Ctx, 'client' | 'keys' | 'config'>, token: string, now: number): Promise<boolean> {
  return exists(ctx, 'SELECT 1 AS open FROM invites WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now', {
    hash: await sha256Hex(token),
    now,
  });
}

/** The company's name; null when it is gone. */
async function companyName(ctx: Pick<Ctx, 'client'>, id: string): Promise<string | null> {
  return (await one(ctx, 'SELECT name FROM companies WHERE id = :id', { id }, rowReader({ name: text })))?.name ?? null;
}

export async function compose(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  row: OutboxRow,
  params: Record<string, unknown>,
  now: Date,
): Promise<Composed> {
  const base = ctx.config.publicUrl;
  const lang = row.locale;
  const privacyUrl = `${base}/privacy?lang=${lang}`;
  const token = typeof params.manageToken === 'string' ? params.manageToken : '';

  if (row.toRequestId) {
    const found = await customerAddress(ctx, row);
    if ('cancel' in found) return found;
    const { email, request: r } = found;
    switch (row.template) {
      case 'request.confirmation': {
        const [lead] = await leadLinks(ctx, [r.id], lang, false);
        const phone = r.phone_enc ? await ctx.keys.decrypt(r.phone_enc, contactContext(r.id, 'phone')) : null;
        const firstName = r.first_name_enc ? await ctx.keys.decrypt(r.first_name_enc, contactContext(r.id, 'firstName')) : null;
        // What the customer answered, as they read it (questions.ts), in the order asked.
        const given: Record<string, string | number> = r.answers ? JSON.parse(r.answers) : {};
        const answers = questionsFor(r.category_id).flatMap((q) => {
          const text = given[q.id] === undefined ? null : answerText(r.category_id, q.id, given[q.id]!, lang);
          return text ? [text] : [];
        });
        return {
          to: email,
          data: {
            request: { ...lead!, description: r.description ?? '' },
            email,
            phone,
            firstName,
            answers,
            manageUrl: `${base}/manage?lang=${lang}#${token}`,
            // The manage page sends the proof after the token (manage/main.tsx), then shows the request confirmed.
            confirmUrl: r.confirmed_at === null ? `${base}/manage?lang=${lang}#${token}.${await linkProof(ctx, r.id)}` : null,
            held: r.status === 'unconfirmed',
            privacyUrl,
          },
        };
      }
      case 'request.bought': {
        const b = await one(
          ctx,
          `SELECT co.name, (SELECT count(*) FROM purchases p WHERE p.request_id = :id) AS buyers, c.max_buyers
          FROM companies co, categories c WHERE co.id = :company AND c.id = :category`,
          { id: r.id, company: row.companyId, category: r.category_id },
          rowReader({ name: text, buyers: integer, max_buyers: integer }),
        );
        if (!b) return { cancel: 'company_gone' };
        return { to: email, data: { company: b.name, buyers: b.buyers, maxBuyers: b.max_buyers, privacyUrl } };
      }
      case 'request.expiring':
        if (r.status !== 'open' || r.expires_at <= now.getTime()) return { cancel: 'not_open' };
        return {
          to: email,
          data: {
            expiresAt: new Date(r.expires_at),
            privacyUrl,
            closeUrl: `${base}/mail/close?lang=${lang}#${token}`,
            manageUrl: `${base}/manage?lang=${lang}#${token}`,
          },
        };
      case 'request.feedback': {
        const p = await one(
          ctx,
          `SELECT pa.public_key, (SELECT count(*) FROM purchases b WHERE b.request_id = :id) AS buyers
          FROM partners pa WHERE pa.id = :partner`,
          { id: r.id, partner: r.partner_id },
          rowReader({ public_key: text, buyers: integer }),
        );
        if (!p?.buyers) return { cancel: 'not_bought' };
        return {
          to: email,
          data: { newRequestUrl: `${base}/request?partner=${encodeURIComponent(p.public_key)}&lang=${lang}`, privacyUrl },
        };
      }
      default:
        return { cancel: 'wrong_recipient' };
    }
  }

  const found = await userAddress(ctx, row);
  if ('cancel' in found) return found;
  const { email, user } = found;
  const userId = user.id;
  const footer = async () => ({
    mode: (user.alerts === 'daily' ? 'daily' : 'instant') as 'daily' | 'instant',
    settingsUrl: `${base}/dashboard/mail`,
    unsubscribeUrl: await unsubscribeUrl(ctx, userId),
  });
  switch (row.template) {
    case 'lead.alert': {
      if (user.alerts === 'off') return { cancel: 'unsubscribed' };
      const [lead] = await leadLinks(ctx, [row.requestId ?? ''], lang, true);
      if (!lead || lead.expiresAt.getTime() <= now.getTime()) return { cancel: 'not_open' };
      const f = await footer();
      return { to: email, data: { lead, footer: f }, headers: listUnsubscribe(f.unsubscribeUrl) };
    }
    case 'lead.digest': {
      if (user.alerts === 'off') return { cancel: 'unsubscribed' };
      const ids = Array.isArray(params.requestIds) ? params.requestIds.map(String) : [];
      const leads = (await leadLinks(ctx, ids, lang, true)).filter((l) => l.expiresAt.getTime() > now.getTime());
      if (!leads.length) return { cancel: 'nothing_open' };
      const f = await footer();
      return { to: email, data: { leads, footer: f }, headers: listUnsubscribe(f.unsubscribeUrl) };
    }
    case 'purchase.receipt': {
      const p = await one(
        ctx,
        `SELECT p.id, p.price_cents, p.region_code, p.created_at, c.${labelColumn[lang]} AS label
        FROM purchases p JOIN categories c ON c.id = p.category_id WHERE p.request_id = :request AND p.company_id = :company`,
        { request: row.requestId, company: row.companyId },
        rowReader({ id: text, price_cents: integer, region_code: text, created_at: integer, label: text }),
      );
      if (!p) return { cancel: 'no_purchase' };
      const boughtAt = new Date(p.created_at);
      return {
        to: email,
        data: {
          purchaseId: p.id,
          boughtAt,
          lead: {
            category: p.label,
            region: regionName(p.region_code, lang),
            postalCode: null,
            town: null,
            createdAt: boughtAt,
            expiresAt: boughtAt,
            priceCents: p.price_cents,
            url: `${base}/dashboard/leads/${row.requestId}`,
          },
        },
      };
    }
    case 'invoice.issued': {
      // Only to someone who is still an owner of the invoiced company.
      const i = await one(
        ctx,
        `SELECT i.id, i.number, i.period, i.total_cents, i.due_at FROM invoices i
        WHERE i.id = :invoice AND i.company_id = :company`,
        { invoice: invoiceOfMail(row.dedupeKey), company: user.company_id ?? '' },
        rowReader({ id: text, number: text, period: text, total_cents: integer, due_at: integer }),
      );
      if (!i || user.role !== 'owner') return { cancel: 'not_owner' };
      return {
        to: email,
        data: {
          number: i.number,
          periodStart: new Date(month(i.period).start),
          totalCents: i.total_cents,
          dueAt: new Date(i.due_at),
          reference: referenceNumber(i.number),
          url: `${base}/dashboard/invoices/${i.id}`,
        },
      };
    }
    case 'user.invite':
    case 'user.password_reset': {
      const secret = typeof params.token === 'string' ? params.token : '';
      if (!(await openInvite(ctx, secret, now.getTime()))) return { cancel: 'link_used' };
      // The secret in the fragment: never sent to a server, so never in a log (dashboard/pages/invite.ts).
      // In the reader's language; a reset link says so, and its page speaks of a new password.
      const purpose = row.template === 'user.password_reset' ? '&for=reset' : '';
      const url = `${base}/invite?lang=${lang}${purpose}#${secret}`;
      if (row.template === 'user.password_reset') return { to: email, data: { url } };
      const company = user.company_id ? await companyName(ctx, user.company_id) : null;
      return { to: email, data: { company, url } };
    }
    case 'user.email_changed': {
      // To the address the account had before the change, carried by the row (api/domain/users.ts).
      if (typeof params.oldEmail !== 'string') return { cancel: 'no_address' };
      return { to: params.oldEmail, data: { changedAt: now } };
    }
    case 'user.add_attempt': {
      const company = typeof params.companyId === 'string' ? await companyName(ctx, params.companyId) : null;
      return { to: email, data: { company, loginUrl: `${base}/dashboard/login?lang=${lang}` } };
    }
    default:
      return { cancel: 'wrong_recipient' };
  }
}

/** RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL. */
function listUnsubscribe(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
