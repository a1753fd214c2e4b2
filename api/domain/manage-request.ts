// The customer's rights over their own request, with the manage token as the only key
// (S21–S25). The token finds the actor, a TokenHolder, as a session cookie finds a person; each
// verb acts on that holder's request alone. Each change writes its audit row in the same batch.
import { and, asc, eq, sql } from 'drizzle-orm';
import type * as v from 'valibot';
import { confirmation, retention } from '../config.ts';
import { addMonths } from '../contract/dates.ts';
import type { ManagePatch, ManageView } from '../contract/manage.ts';
import { answerText } from '../contract/questions.ts';
import type { Locale } from '../contract/request.ts';
import { regions } from '../contract/regions.ts';
import { sha256Hex } from '../adapters/keys.ts';
import { categories } from '../db/schema/categories.ts';
import { companies } from '../db/schema/companies.ts';
import { auditEvents, purchases } from '../db/schema/purchases.ts';
import { requestContacts, requests } from '../db/schema/requests.ts';
import { AppError } from './errors.ts';
import { audit } from './audit.ts';
import { contactContext, normaliseEmail, normalisePhone } from './contact.ts';
import { cancelCustomerMail } from './notifications/enqueue.ts';
import { customerActor, type Ctx, type TokenHolder, type Verb } from './context.ts';

type Row = TokenHolder['request'];

/**
 * Who holds this token: the customer of its request. Purged requests lose their token hash, so
 * they answer 401 like unknown ones.
 */
export async function tokenHolder(ctx: Pick<Ctx, 'db'>, token: string | undefined): Promise<TokenHolder> {
  if (!token || token.length < 20 || token.length > 100) throw new AppError('unauthorized');
  const row = await ctx.db.query.requests.findFirst({ where: eq(requests.manageTokenHash, await sha256Hex(token)) });
  if (!row || row.status === 'purged') throw new AppError('unauthorized');
  return { ...customerActor, request: row };
}

export function deleteAt(row: Pick<Row, 'endedAt' | 'expiresAt'>): Date {
  return addMonths(row.endedAt ?? row.expiresAt, retention.archiveMonths);
}

async function contactOf(ctx: Ctx, id: string) {
  const c = await ctx.db.query.requestContacts.findFirst({ where: eq(requestContacts.requestId, id) });
  return {
    email: c?.emailEnc ? await ctx.keys.decrypt(c.emailEnc, contactContext(id, 'email')) : null,
    phone: c?.phoneEnc ? await ctx.keys.decrypt(c.phoneEnc, contactContext(id, 'phone')) : null,
    firstName: c?.firstNameEnc ? await ctx.keys.decrypt(c.firstNameEnc, contactContext(id, 'firstName')) : null,
  };
}

/** S21: the request as its customer sees it, in their language or the one asked for. */
export async function viewRequest({ ctx, actor, input: { lang } }: Verb<{ lang?: Locale }, TokenHolder>): Promise<ManageView> {
  return viewOf(ctx, actor.request, lang);
}

async function viewOf(ctx: Ctx, row: Row, lang?: Locale): Promise<ManageView> {
  const locale = lang ?? row.locale;
  const category = await ctx.db.query.categories.findFirst({ where: eq(categories.id, row.categoryId) });
  const buyers = await ctx.db
    .select({ company: companies.name, purchasedAt: purchases.createdAt })
    .from(purchases)
    .innerJoin(companies, eq(companies.id, purchases.companyId))
    .where(eq(purchases.requestId, row.id))
    .orderBy(asc(purchases.createdAt));
  const region = regions.find((r) => r.code === row.regionCode)!;
  const maxBuyers = category?.maxBuyers ?? 0;
  return {
    id: row.id,
    status: row.status as ManageView['status'],
    customerType: row.customerType,
    category: {
      id: row.categoryId,
      label: category ? category[({ fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const)[locale]] : row.categoryId,
    },
    description: row.description ?? '',
    // A stored answer the questions no longer know (they changed since) is still shown, as stored.
    answers: Object.entries(row.answers ?? {}).map(
      ([id, value]) => answerText(row.categoryId, id, value, locale) ?? { question: id, answer: String(value) },
    ),
    postalCode: row.postalCode ?? '',
    region: { code: region.code, name: region[locale] },
    town: row.town,
    locale: row.locale,
    contact: await contactOf(ctx, row.id),
    confirmed: row.confirmedAt !== null,
    marketingOptOut: row.marketingOptOut,
    consentNoticeVersion: row.consentNoticeVersion,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    // A held request is deleted unconfirmed (life-cycle.ts deleteUnconfirmedRequests), long before S20's date.
    deleteAt: (row.status === 'unconfirmed'
      ? new Date(row.createdAt.getTime() + confirmation.holdHours * 3_600_000)
      : deleteAt(row)
    ).toISOString(),
    buyers: buyers.map((b) => ({ company: b.company, purchasedAt: b.purchasedAt.toISOString() })),
    maxBuyers,
    slotsLeft: row.status === 'open' ? Math.max(0, maxBuyers - buyers.length) : 0,
  };
}

function unconfirmIfChanged(ctx: Pick<Ctx, 'db'>, requestId: string, via: 'email' | 'sms', newHash: string) {
  const column = via === 'email' ? sql`email_hash` : sql`phone_hash`;
  return ctx.db.run(sql`UPDATE requests SET confirmed_at = NULL, confirmed_via = NULL
    WHERE id = ${requestId} AND confirmed_via = ${via}
      AND NOT EXISTS (SELECT 1 FROM request_contacts WHERE request_id = ${requestId} AND ${column} = ${newHash})`);
}

/** S22, S23: corrections. A new email or phone replaces the old one (and reaches buyers at once). */
export async function correctRequest({ ctx, actor, input: patch }: Verb<v.InferOutput<typeof ManagePatch>, TokenHolder>): Promise<void> {
  const row = actor.request;
  const now = ctx.clock.now();
  const set: Partial<typeof requests.$inferInsert> = {};
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.town !== undefined) set.town = patch.town || null;
  if (patch.marketingOptOut !== undefined) set.marketingOptOut = patch.marketingOptOut;
  const contact: Partial<typeof requestContacts.$inferInsert> = {};
  if (patch.email) {
    contact.emailEnc = await ctx.keys.encrypt(patch.email, contactContext(row.id, 'email'));
    contact.emailHash = await ctx.keys.hash('email', normaliseEmail(patch.email));
  }
  if (patch.phone) {
    contact.phoneEnc = await ctx.keys.encrypt(patch.phone, contactContext(row.id, 'phone'));
    contact.phoneHash = await ctx.keys.hash('phone', normalisePhone(patch.phone));
  }
  if (patch.firstName !== undefined) {
    contact.firstNameEnc = patch.firstName ? await ctx.keys.encrypt(patch.firstName, contactContext(row.id, 'firstName')) : null;
  }
  if (!Object.keys(set).length && !Object.keys(contact).length) return;
  // Only clearing (an emptied first name): an erased contact row is not brought back empty.
  const clearing = Object.values(contact).every((x) => x === null);
  // One batch: the fields, the contact row (re-created if it had been erased) and the audit row.
  await ctx.db.batch([
    audit(ctx.db, now, actor, 'request.corrected', { requestId: row.id }),
    // A confirmation proved the address or number it was made with: another one is unconfirmed
    // (the same one written again keeps it). Decided against the stored hash, before it changes.
    ...(contact.emailHash ? [unconfirmIfChanged(ctx, row.id, 'email', contact.emailHash)] : []),
    ...(contact.phoneHash ? [unconfirmIfChanged(ctx, row.id, 'sms', contact.phoneHash)] : []),
    ...(Object.keys(set).length ? [ctx.db.update(requests).set(set).where(eq(requests.id, row.id))] : []),
    ...(Object.keys(contact).length
      ? [
          clearing
            ? ctx.db.update(requestContacts).set(contact).where(eq(requestContacts.requestId, row.id))
            : ctx.db
                .insert(requestContacts)
                .values({ requestId: row.id, createdAt: now, ...contact })
                .onConflictDoUpdate({ target: requestContacts.requestId, set: contact }),
        ]
      : []),
    // A confirmation still waiting was counted against the mail cap of the address it was written
    // for (mail-caps.ts): sent to the new one, it would walk around that address's cap.
    ...(patch.email ? [cancelCustomerMail(ctx.db, row.id, ['request.confirmation'])] : []),
  ]);
}

/** S25: closing hides the request from everyone who has not bought it, at once. */
export async function closeRequest({ ctx, actor }: { ctx: Ctx; actor: TokenHolder }): Promise<void> {
  const row = actor.request;
  const now = ctx.clock.now();
  await ctx.db.batch([
    ctx.db
      .update(requests)
      .set({ status: 'closed', endedAt: now })
      .where(and(eq(requests.id, row.id), eq(requests.status, 'open'))),
    audit(ctx.db, now, actor, 'request.closed', { requestId: row.id }),
    // The reminder before expiry is moot, and its copy of the manage token goes now.
    cancelCustomerMail(ctx.db, row.id, ['request.expiring']),
  ]);
}

/** S24: the contact details are deleted, for buyers too, at once. */
export async function eraseContact({ ctx, actor }: { ctx: Ctx; actor: TokenHolder }): Promise<void> {
  const row = actor.request;
  const now = ctx.clock.now();
  await ctx.db.batch([
    ctx.db.delete(requestContacts).where(eq(requestContacts.requestId, row.id)),
    audit(ctx.db, now, actor, 'contact.erased', { requestId: row.id }),
    // S24: no mail to the erased address, and no stored secret for it.
    cancelCustomerMail(ctx.db, row.id),
  ]);
}

/** S21: the customer's download of their request, audited once it is read (`request.exported`). */
export async function exportRequest({ ctx, actor }: { ctx: Ctx; actor: TokenHolder }) {
  const data = await storedRequest(ctx, actor.request);
  await audit(ctx.db, ctx.clock.now(), actor, 'request.exported', { requestId: actor.request.id });
  return data;
}

/**
 * Every stored field about the request, with who bought it and what happened to it: the
 * customer's export above, and staff's data-subject export (data-subject.ts, audited there).
 */
export async function storedRequest(ctx: Ctx, row: Row) {
  const events = await ctx.db
    .select({ at: auditEvents.at, action: auditEvents.action, actor: auditEvents.actorKind })
    .from(auditEvents)
    .where(eq(auditEvents.requestId, row.id))
    .orderBy(asc(auditEvents.at));
  const { manageTokenHash: _secret, ...stored } = row;
  return {
    exportedAt: ctx.clock.now().toISOString(),
    // The view's `answers` are sentences; the values as stored (question id → value) go beside them.
    request: { ...stored, ...(await viewOf(ctx, row)), answerValues: stored.answers },
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    retention: { visibleDays: retention.visibleDays, archiveMonths: retention.archiveMonths, backupDays: retention.backupDays },
  };
}
