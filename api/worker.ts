// Worker entry: the same app over @libsql/client/web (Hrana over HTTP to Turso or sqld),
// the same jobs behind the cron trigger. Static files (widget, page CSS) are Worker assets.
import type { ExecutionContext as HonoExecutionContext } from 'hono';
import { createClient } from '@libsql/client/web';
import { systemClock, type Clock } from './adapters/clock.ts';
import { createKeys } from './adapters/keys.ts';
import { createHeldMailer, defaultFrom } from './adapters/mailer.ts';
import { createHttpMailer } from './adapters/mailer-http.ts';
import { createApp } from './app.ts';
import { createDatabase } from './db/client.ts';
import type { Deps } from './deps.ts';
import { runJobs } from './jobs/run-jobs.ts';
import { drainOutbox } from './jobs/send-mail.ts';
import { checkAdminPassword, ensureAdmin } from './domain/bootstrap.ts';
import { isReady } from './domain/readiness.ts';
import { configFromEnv, keysFromEnv, mailFromEnv, parseEnv } from './settings.ts';

// The two Workers types we use, declared here: @cloudflare/workers-types' globals clash with
// the DOM lib the widget needs in the same tsconfig.
type ExecutionContext = HonoExecutionContext;
type ScheduledController = { scheduledTime: number; cron: string };

export type Env = {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  LINKKI_KEYS: string;
  PUBLIC_URL: string;
  CLIENT_IP_HEADER?: string;
  /** Tests only (refused in production): a service that answers the test's clock in epoch ms. */
  LINKKI_TEST_CLOCK?: { fetch(url: string): Promise<Response> };
  [name: string]: unknown;
};

// Keys and config are built once per isolate. The database client is made per request (and per
// cron event): workerd forbids one request's I/O from finishing another's, and a shared client
// queues calls across requests (its default concurrency is 20), which workerd then cancels as hung.
let shared: { env: Env; e: ReturnType<typeof parseEnv>; keys: Deps['keys']; config: Deps['config']; mailer: Deps['mailer']; admin?: Promise<unknown> } | undefined;

async function depsFor(env: Env): Promise<Deps> {
  if (shared?.env !== env) {
    const e = parseEnv(env);
    if (env.LINKKI_TEST_CLOCK && e.NODE_ENV === 'production') throw new Error('BAD_ENVIRONMENT\n  LINKKI_TEST_CLOCK: a test binding, refused in production');
    if (!e.LINKKI_KEYS) throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS: set it with `wrangler secret put LINKKI_KEYS`');
    if (!/^(libsql|https?):/.test(e.DATABASE_URL)) throw new Error('BAD_ENVIRONMENT\n  DATABASE_URL: a libsql:// or https:// URL');
    // Before `shared` is set: a weak ADMIN_PASSWORD refuses every request, as Node refuses to start.
    if (e.ADMIN_PASSWORD) await checkAdminPassword(e.ADMIN_EMAIL, e.ADMIN_PASSWORD);
    shared = {
      env, e,
      keys: await createKeys(keysFromEnv(e.LINKKI_KEYS)),
      // Behind Cloudflare the visitor's address arrives in cf-connecting-ip.
      config: configFromEnv(e, { clientIpHeader: 'cf-connecting-ip' }),
      mailer: workerMailer(e),
    };
  }
  const client = createClient({ url: shared.e.DATABASE_URL, authToken: shared.e.DATABASE_AUTH_TOKEN });
  const deps: Deps = { client, db: createDatabase(client), clock: await clockFor(env), keys: shared.keys, config: shared.config, mailer: shared.mailer };
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = shared.e;
  if (ADMIN_EMAIL && ADMIN_PASSWORD && !shared.admin) {
    // A failure (say, migrations not applied yet) is retried by the next request instead of
    // being cached for the isolate's life; /healthz answers 503 meanwhile.
    const s = shared;
    s.admin = ensureAdmin(deps, ADMIN_EMAIL, ADMIN_PASSWORD).catch((err: Error) => {
      s.admin = undefined;
      console.error(`first admin not created yet: ${err.message}`);
    });
    await s.admin;
  }
  deps.ready = () => isReady(deps, { admin: Boolean(ADMIN_EMAIL && ADMIN_PASSWORD) });
  return deps;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const deps = await depsFor(env);
    try {
      return await createApp(deps).fetch(request, env, ctx);
    } finally {
      deps.client.close();
      // Mail written by this request goes out now, after the answer, not at the next cron run.
      if (request.method !== 'GET' && request.method !== 'HEAD' && deps.mailer.kind !== 'held' && shared?.e.MAIL_DRAIN_AFTER_WRITE === 'true') {
        ctx.waitUntil(drainAfterWrite(env));
      }
    }
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const deps = await depsFor(env);
    const run = runJobs(deps, new Date(controller.scheduledTime), 'worker').then(
      (report) => console.log(JSON.stringify({ job: 'scheduled', cron: controller.cron, ...report })),
      (err: Error) => {
        console.error(`scheduled jobs failed: ${err.stack ?? err.message}`);
        throw err;
      },
    );
    ctx.waitUntil(run);
    await run.finally(() => deps.client.close());
  },
};

/** Workers have no SMTP: Brevo's HTTP API (README, "Mail"); without MAIL_API_KEY mail waits in the outbox. */
function workerMailer(e: ReturnType<typeof parseEnv>): Deps['mailer'] {
  const m = mailFromEnv(e);
  const from = m.from ?? defaultFrom(e.PUBLIC_URL ?? 'http://localhost');
  return m.apiKey ? createHttpMailer({ apiKey: m.apiKey, baseUrl: m.apiUrl }, from) : createHeldMailer(from);
}

async function drainAfterWrite(env: Env): Promise<void> {
  const deps = await depsFor(env);
  try {
    await drainOutbox(deps, deps.clock.now(), 10);
  } catch (err) {
    console.error(`mail drain failed: ${(err as Error).message}`);
  } finally {
    deps.client.close();
  }
}

/**
 * The real clock, or in a test the test's: workerd cannot be moved with faketime, so the test
 * harness binds a service that answers its clock; it is asked once, then runs at real speed.
 */
async function clockFor(env: Env): Promise<Clock> {
  if (!env.LINKKI_TEST_CLOCK) return systemClock;
  const at = Number(await (await env.LINKKI_TEST_CLOCK.fetch('http://clock/')).text());
  const asked = Date.now();
  return { now: () => new Date(at + (Date.now() - asked)) };
}
