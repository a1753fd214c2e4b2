// Staff find, export and erase everything held about a person, through keyed hashes (never by
// decrypting whole tables). Each action is audited; the audit row names no contact value.
import { eq, inArray, or } from 'drizzle-orm';
import type * as v from 'valibot';
import type { SubjectQuery } from '../contract/data-subject.ts';
import { requestContacts, requests } from '../db/schema/requests.ts';
import { sessions, users } from '../db/schema/users.ts';
import { AppError } from './errors.ts';
import { audit } from './audit.ts';
import { normaliseEmail, normalisePhone } from './contact.ts';
import { storedRequest } from './manage-request.ts';
import type { SessionUser } from './session-user.ts';
import { emailHash, userContext } from './users.ts';
import type { Ctx, Verb } from './context.ts';

type Query = v.InferOutput<typeof SubjectQuery>;

async function matches(ctx: Ctx, q: Query) {
  const emailH = q.email ? await ctx.keys.hash('email', normaliseEmail(q.email)) : null;
  const phoneH = q.phone ? await ctx.keys.hash('phone', normalisePhone(q.phone)) : null;
  const conditions = [
    ...(emailH ? [eq(requestContacts.emailHash, emailH)] : []),
    ...(phoneH ? [eq(requestContacts.phoneHash, phoneH)] : []),
  ];
  const requestIds = (
    await ctx.db
      .select({ id: requestContacts.requestId })
      .from(requestContacts)
      .where(or(...conditions))
  ).map((r) => r.id);
  const userRows = q.email
    ? await ctx.db
        .select()
        .from(users)
        .where(eq(users.emailHash, await emailHash(ctx, q.email)))
    : [];
  return { requestIds, userRows };
}

function staffOnly(actor: SessionUser) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

export async function findSubject({ ctx, actor, input: q }: Verb<Query, SessionUser>) {
  staffOnly(actor);
  const { requestIds, userRows } = await matches(ctx, q);
  const found = requestIds.length
    ? await ctx.db
        .select({ id: requests.id, status: requests.status, createdAt: requests.createdAt })
        .from(requests)
        .where(inArray(requests.id, requestIds))
    : [];
  await audit(ctx.db, ctx.clock.now(), actor, 'subject.searched');
  return {
    requests: found.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt.toISOString() })),
    users: userRows.map((u) => ({ id: u.id, companyId: u.companyId, role: u.role, active: u.active })),
  };
}

export async function exportSubject({ ctx, actor, input: q }: Verb<Query, SessionUser>) {
  staffOnly(actor);
  const { requestIds, userRows } = await matches(ctx, q);
  const rows = requestIds.length ? await ctx.db.select().from(requests).where(inArray(requests.id, requestIds)) : [];
  const now = ctx.clock.now();
  await ctx.db.batch([
    audit(ctx.db, now, actor, 'subject.exported'),
    ...rows.map((r) => audit(ctx.db, now, actor, 'subject.exported', { requestId: r.id })),
  ]);
  return {
    exportedAt: now.toISOString(),
    requests: await Promise.all(rows.map((r) => storedRequest(ctx, r))),
    users: await Promise.all(
      userRows.map(async (u) => ({
        id: u.id,
        companyId: u.companyId,
        role: u.role,
        locale: u.locale,
        active: u.active,
        createdAt: u.createdAt.toISOString(),
        name: await ctx.keys.decrypt(u.nameEnc, userContext(u.id, 'name')),
        email: await ctx.keys.decrypt(u.emailEnc, userContext(u.id, 'email')),
      })),
    ),
  };
}

/**
 * S24 on a written request: the person's requests lose their contact details and personal
 * fields at once (as the purge does), and their user accounts are closed and anonymised
 * (purchases keep the user id for invoicing, S2, S7).
 */
export async function eraseSubject({ ctx, actor, input: q }: Verb<Query, SessionUser>) {
  staffOnly(actor);
  const { requestIds, userRows } = await matches(ctx, q);
  const now = ctx.clock.now();
  // Encrypt first: a drizzle query is thenable, so building it inside an async map would run it
  // outside this batch.
  const erased = await Promise.all(
    userRows.map(async (u) => ({
      id: u.id,
      nameEnc: await ctx.keys.encrypt('(erased)', userContext(u.id, 'name')),
      emailEnc: await ctx.keys.encrypt('(erased)', userContext(u.id, 'email')),
    })),
  );
  await ctx.db.batch([
    audit(ctx.db, now, actor, 'subject.erased'),
    ...(requestIds.length
      ? [
          ctx.db.delete(requestContacts).where(inArray(requestContacts.requestId, requestIds)),
          ctx.db
            .update(requests)
            .set({
              status: 'purged',
              purgedAt: now,
              description: null,
              answers: null,
              postalCode: null,
              town: null,
              municipalityCode: null,
              manageTokenHash: null,
            })
            .where(inArray(requests.id, requestIds)),
        ]
      : []),
    ...erased.map((u) =>
      ctx.db
        .update(users)
        .set({
          active: false,
          passwordHash: null,
          nameEnc: u.nameEnc,
          emailEnc: u.emailEnc,
          emailHash: `erased:${u.id}`,
        })
        .where(eq(users.id, u.id)),
    ),
    ...userRows.map((u) => ctx.db.delete(sessions).where(eq(sessions.userId, u.id))),
  ]);
  return { requestsErased: requestIds.length, usersErased: userRows.length };
}
