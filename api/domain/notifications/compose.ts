// At send time, an outbox row becomes an address and a template's data, read from the database
// as it is now: an erased or purged contact, a closed request, a used invite or a marketing ban
// (S23) cancels the mail instead. Contact values appear only in the customer's own confirmation.
import type { Row } from '@libsql/client';
import { sha256Hex } from '../../adapters/keys.ts';
import type { Locale } from '../../contract/request.ts';
import { regions } from '../../contract/regions.ts';
import type { LeadLink, TemplateData, TemplateId } from '../../mail/templates.ts';
import { month } from '../billing/periods.ts';
import { referenceNumber } from '../billing/reference.ts';
import { contactContext } from '../contact.ts';
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

async function one(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  sql: string,
  args: Record<string, string | number | null>,
): Promise<Row | undefined> {
  return (await ctx.client.execute({ sql, args })).rows[0];
}

/** The request's own address, or why there is none to write to. */
async function customerAddress(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  row: OutboxRow,
): Promise<{ email: string; request: Row } | { cancel: string }> {
  const request = await one(
    ctx,
    `SELECT r.*, rc.email_enc, rc.email_hash, rc.phone_enc FROM requests r
    LEFT JOIN request_contacts rc ON rc.request_id = r.id WHERE r.id = :id`,
    { id: row.toRequestId },
  );
  if (!request || request.status === 'purged' || request.status === 'removed') return { cancel: 'request_gone' };
  if (!request.email_enc) return { cancel: 'no_address' };
  if (row.mailClass === 'marketing') {
    // S23 for the person, not only this request: any of their requests with the ban stops it.
    const banned = await one(
      ctx,
      `SELECT 1 AS banned FROM request_contacts rc JOIN requests r ON r.id = rc.request_id
      WHERE rc.email_hash = :hash AND r.marketing_opt_out = 1 LIMIT 1`,
      { hash: String(request.email_hash) },
    );
    if (banned) return { cancel: 'marketing_opt_out' };
  }
  const email = await ctx.keys.decrypt(String(request.email_enc), contactContext(String(request.id), 'email'));
  return { email, request };
}

async function userAddress(
  ctx: Pick<Ctx, 'client' | 'keys' | 'config'>,
  row: OutboxRow,
): Promise<{ email: string; user: Row } | { cancel: string }> {
  const user = await one(
    ctx,
    `SELECT u.*, COALESCE(s.alerts, 'instant') AS alerts FROM users u
    LEFT JOIN notification_settings s ON s.user_id = u.id WHERE u.id = :id`,
    { id: row.toUserId },
  );
  if (!user || !Number(user.active)) return { cancel: 'user_inactive' };
  return { email: await ctx.keys.decrypt(String(user.email_enc), userContext(String(user.id), 'email')), user };
}

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
  return rows.map((r) => ({
    category: String(r.label),
    region: regionName(String(r.region_code), lang),
    postalCode: r.postal_code === null ? null : String(r.postal_code),
    town: r.town === null ? null : String(r.town),
    createdAt: new Date(Number(r.created_at)),
    expiresAt: new Date(Number(r.expires_at)),
    priceCents: Number(r.price_cents),
    url: `${ctx.config.publicUrl}/dashboard/leads/${String(r.id)}`,
  }));
}

async function openInvite(ctx: Pick<Ctx, 'client' | 'keys' | 'config'>, token: string, now: number): Promise<boolean> {
  return Boolean(
    await one(ctx, 'SELECT 1 AS open FROM invites WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now', {
      hash: await sha256Hex(token),
      now,
    }),
  );
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
        const [lead] = await leadLinks(ctx, [String(r.id)], lang, false);
        const phone = r.phone_enc ? await ctx.keys.decrypt(String(r.phone_enc), contactContext(String(r.id), 'phone')) : null;
        return {
          to: email,
          data: {
            request: { ...lead!, description: String(r.description ?? '') },
            email,
            phone,
            manageUrl: `${base}/manage?lang=${lang}#${token}`,
            privacyUrl,
          },
        };
      }
      case 'request.bought': {
        const b = await one(
          ctx,
          `SELECT co.name, (SELECT count(*) FROM purchases p WHERE p.request_id = :id) AS buyers, c.max_buyers
          FROM companies co, categories c WHERE co.id = :company AND c.id = :category`,
          { id: String(r.id), company: row.companyId, category: String(r.category_id) },
        );
        if (!b) return { cancel: 'company_gone' };
        return { to: email, data: { company: String(b.name), buyers: Number(b.buyers), maxBuyers: Number(b.max_buyers), privacyUrl } };
      }
      case 'request.expiring':
        if (r.status !== 'open' || Number(r.expires_at) <= now.getTime()) return { cancel: 'not_open' };
        return {
          to: email,
          data: {
            expiresAt: new Date(Number(r.expires_at)),
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
          { id: String(r.id), partner: String(r.partner_id) },
        );
        if (!p || !Number(p.buyers)) return { cancel: 'not_bought' };
        return {
          to: email,
          data: { newRequestUrl: `${base}/request?partner=${encodeURIComponent(String(p.public_key))}&lang=${lang}`, privacyUrl },
        };
      }
      default:
        return { cancel: 'wrong_recipient' };
    }
  }

  const found = await userAddress(ctx, row);
  if ('cancel' in found) return found;
  const { email, user } = found;
  const userId = String(user.id);
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
      );
      if (!p) return { cancel: 'no_purchase' };
      const boughtAt = new Date(Number(p.created_at));
      return {
        to: email,
        data: {
          purchaseId: String(p.id),
          boughtAt,
          lead: {
            category: String(p.label),
            region: regionName(String(p.region_code), lang),
            postalCode: null,
            town: null,
            createdAt: boughtAt,
            expiresAt: boughtAt,
            priceCents: Number(p.price_cents),
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
        { invoice: invoiceOfMail(row.dedupeKey), company: String(user.company_id ?? '') },
      );
      if (!i || user.role !== 'owner') return { cancel: 'not_owner' };
      const number = String(i.number);
      return {
        to: email,
        data: {
          number,
          periodStart: new Date(month(String(i.period)).start),
          totalCents: Number(i.total_cents),
          dueAt: new Date(Number(i.due_at)),
          reference: referenceNumber(number),
          url: `${base}/dashboard/invoices/${String(i.id)}`,
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
      const company = user.company_id
        ? await one(ctx, 'SELECT name FROM companies WHERE id = :id', { id: String(user.company_id) })
        : undefined;
      return { to: email, data: { company: company ? String(company.name) : null, url } };
    }
    case 'user.email_changed': {
      // To the address the account had before the change, carried by the row (api/domain/users.ts).
      if (typeof params.oldEmail !== 'string') return { cancel: 'no_address' };
      return { to: params.oldEmail, data: { changedAt: now } };
    }
    case 'user.add_attempt': {
      const company =
        typeof params.companyId === 'string'
          ? await one(ctx, 'SELECT name FROM companies WHERE id = :id', { id: params.companyId })
          : undefined;
      return { to: email, data: { company: company ? String(company.name) : null, loginUrl: `${base}/dashboard/login?lang=${lang}` } };
    }
    default:
      return { cancel: 'wrong_recipient' };
  }
}

/** RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL. */
function listUnsubscribe(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
