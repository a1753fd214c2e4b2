// What billing keeps beside requests, tidied by the scheduled jobs (api/jobs/invoicing.ts) as
// the system actor. Compares with `now` only: safe to run twice or concurrently.
import { assertSystem, type Ctx, type SystemActor } from '../context.ts';

export async function tidyBilling({
  ctx,
  actor,
  input: { now },
}: {
  ctx: Pick<Ctx, 'client'>;
  actor: SystemActor;
  input: { now: Date };
}): Promise<{ claimNotesCleared: number; dismissalsDeleted: number }> {
  assertSystem(actor);
  const [notes, dismissals] = await ctx.client.batch(
    [
      // A claim's free text may name the customer; it goes when the request's personal data goes (S20).
      {
        sql: `UPDATE credit_claims SET note = NULL, decision_note = NULL
            WHERE (note IS NOT NULL OR decision_note IS NOT NULL)
              AND request_id IN (SELECT id FROM requests WHERE status = 'purged')`,
        args: [],
      },
      // "Not for us" matters only while a request is listed.
      {
        sql: `DELETE FROM lead_dismissals WHERE request_id IN (
              SELECT id FROM requests WHERE status <> 'open' OR expires_at <= ?)`,
        args: [now.getTime()],
      },
    ],
    'write',
  );
  return { claimNotesCleared: notes!.rowsAffected, dismissalsDeleted: dismissals!.rowsAffected };
}
