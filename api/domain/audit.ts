// Audit rows: who saw or changed personal data, when. Built as a statement so that it joins
// the same write batch as the change (or the view) it records. Never carries contact values.
import { auditEvents } from '../db/schema/purchases.ts';
import type { Database } from '../db/client.ts';
import type { CustomerActor, SystemActor } from './context.ts';
import type { SessionUser } from './session-user.ts';

/**
 * Any verb's `Actor` (context.ts). A person is recorded by id only, so `{ id }` also names one
 * who acts without a session yet (an invitee accepting, a user resetting a password).
 */
export type AuditActor = Pick<SessionUser, 'id'> | SystemActor | CustomerActor;

export type AuditAction =
  | 'contact.viewed'
  | 'lead.purchased'
  | 'request.removed'
  | 'request.corrected'
  | 'request.closed'
  | 'request.confirmed'
  | 'contact.erased'
  | 'request.exported'
  | 'subject.searched'
  | 'subject.exported'
  | 'subject.erased'
  | 'user.created'
  | 'user.removed'
  | 'user.updated'
  | 'invite.accepted'
  | 'user.add_existing'
  | 'company.created'
  | 'company.updated'
  | 'company.deactivated'
  | 'partner.created'
  | 'partner.updated'
  | 'partner.secret_rotated'
  | 'partner.deactivated'
  | 'category.updated';

export function audit(
  db: Database,
  at: Date,
  actor: AuditActor,
  action: AuditAction,
  about: { requestId?: string; companyId?: string | null; subjectUserId?: string } = {},
) {
  return db.insert(auditEvents).values({
    id: crypto.randomUUID(),
    at,
    actorKind: 'kind' in actor ? actor.kind : 'user',
    actorUserId: 'kind' in actor ? null : actor.id,
    action,
    requestId: about.requestId ?? null,
    companyId: about.companyId ?? null,
    subjectUserId: about.subjectUserId ?? null,
  });
}
