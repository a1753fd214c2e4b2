// Confirming a request's contact as its customer would (issue 13), through POST
// /v1/requests/confirm: the confirmation mail's link (the manage page posts its proof), or the
// code the SMS carried, read from its outbox row as the sender would and typed into the widget.
import { smsCodeTemplate } from '../../api/domain/confirm-contact.ts';
import { paramsContext } from '../../api/domain/notifications/enqueue.ts';
import type { TestServer } from './server.ts';

export type Sent = { id: string; manageToken: string };
export type Confirmed = { status: number; body: unknown };

async function confirm(server: TestServer, body: Record<string, string>): Promise<Confirmed> {
  const res = await fetch(`${server.url}/v1/requests/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The link's proof is linkProof in api/domain/confirm-contact.ts: a keyed hash of the request. */
export async function confirmByLink(server: TestServer, r: Sent): Promise<Confirmed> {
  const link = (await server.deps.keys.hash('confirm-link', r.id)).slice(0, 32);
  return confirm(server, { manageToken: r.manageToken, link });
}

/** A request with a phone and no e-mail: its code is in the SMS's outbox row, encrypted. */
export async function confirmByCode(server: TestServer, r: Sent): Promise<Confirmed> {
  const { rows } = await server.db.execute({
    sql: 'SELECT id, params_enc FROM outbox WHERE to_request_id = ? AND template = ? AND params_enc IS NOT NULL',
    args: [r.id, smsCodeTemplate],
  });
  if (!rows[0]) throw new Error(`no SMS code waits for request ${r.id}`);
  const { code } = JSON.parse(await server.deps.keys.decrypt(String(rows[0].params_enc), paramsContext(String(rows[0].id))));
  return confirm(server, { manageToken: r.manageToken, code });
}
