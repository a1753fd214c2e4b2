// A test server whose mail goes to a test inbox on the engine's own path (SMTP on Node, Brevo's
// HTTP API in workerd, unless a test names one), with a partner to send requests through.
import { type Inbox, startInbox } from './mail-inbox.ts';
import { engine, startServer, type TestServer } from './server.ts';

export async function startMailServer(opts: { kind?: 'smtp' | 'brevo'; origins?: string[] } = {}) {
  const inbox = await startInbox(opts.kind ?? (engine === 'worker' ? 'brevo' : 'smtp'));
  const server = await startServer({ mail: inbox.mail });
  const partner = (await server.createPartner({ origins: opts.origins ?? [] })).publicKey;
  return { inbox, server, partner };
}

export async function stopMailServer(server: TestServer | undefined, inbox: Inbox | undefined): Promise<void> {
  await server?.close();
  await inbox?.close();
}
