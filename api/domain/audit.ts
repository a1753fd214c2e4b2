// Audit rows: who saw or changed personal data, when. Built as a statement so that it joins
// the same write batch as the change (or the view) it records. Never carries contact values.
import { auditEvents } from '../db/schema/purchases.ts';
import type { Database } from '../db/client.ts';

export type Actor = { kind: 'user'; userId: string } | { kind: 'customer' } | { kind: 'system'; job: string };

export type AuditAction =
  | 'contact.viewed' | 'lead.purchased' | 'request.removed'
  | 'request.corrected' | 'request.closed' | 'contact.erased' | 'request.exported'
  | 'subject.searched' | 'subject.exported' | 'subject.erased'
  | 'user.created' | 'user.removed' | 'user.updated' | 'invite.accepted' | 'user.add_existing'
  | 'company.created' | 'company.updated' | 'company.deactivated' | 'partner.created' | 'category.updated';

export function audit(
  db: Database,
  at: Date,
  actor: Actor,
  action: AuditAction,
  about: { requestId?: string; companyId?: string | null; subjectUserId?: string } = {},
) {
  return db.insert(auditEvents).values({
    id: crypto.randomUUID(),
    at,
    actorKind: actor.kind,
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    action,
    requestId: about.requestId ?? null,
    companyId: about.companyId ?? null,
    subjectUserId: about.subjectUserId ?? null,
  });
}
