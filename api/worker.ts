// Worker entry: the same app over @libsql/client/web (Hrana over HTTP to Turso or sqld),
// the same jobs behind the cron trigger. Static files (widget, page CSS) are Worker assets.
import type { ExecutionContext as HonoExecutionContext, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { createClient } from '@libsql/client/web';
import { edgeCache } from './adapters/cache-worker.ts';
import { systemClock, type Clock } from './adapters/clock.ts';
import { createKeys } from './adapters/keys.ts';
import { createMailer } from './adapters/mailer-choice.ts';
import { createSms } from './adapters/sms-choice.ts';
import { createApp, type App } from './app.ts';
import { createDatabase } from './db/client.ts';
import { counterBuffer } from './domain/counter-buffer.ts';
import type { AppEnv, Deps } from './deps.ts';
import { runJobs } from './jobs/run-jobs.ts';
import { drainOutbox } from './jobs/send-mail.ts';
import { mail } from './config.ts';
import { checkAdminPassword, ensureAdmin } from './domain/bootstrap.ts';
import { isReady } from './domain/readiness.ts';
import { configFromEnv, mailFromEnv, parseWorkerEnv, smsFromEnv, type WorkerEnv } from './environment.ts';

// The two Workers types we use, declared here: @cloudflare/workers-types' globals clash with
// the DOM lib the widget needs in the same tsconfig.
type ExecutionContext = HonoExecutionContext;
type ScheduledController = { scheduledTime: number; cron: string };

/** What workerd hands the Worker: vars, secrets and bindings, parsed by WorkerEnvSchema (api/environment.ts). */
export type WorkerBindings = {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  LINKKI_KEYS: string;
  PUBLIC_URL: string;
  CLIENT_IP_HEADER?: string;
  /** Tests only (refused in production): a service that answers the test's clock in epoch ms. */
  LINKKI_TEST_CLOCK?: { fetch(url: string): Promise<Response> };
  [name: string]: unknown;
};

/** What an isolate keeps between requests: everything but the database and the clock. */
type Isolate = {
  e: WorkerEnv;
  shared: Omit<Deps, 'client' | 'db' | 'clock' | 'ready'>;
  /** The first admin's creation, once it has started; unset again after a failure, so the next request retries. */
  admin?: Promise<unknown>;
};

// Built once per isolate (per bindings object): the app alone costs ~1.9 ms to build.
let built: { bindings: WorkerBindings; isolate: Isolate; app: App } | undefined;

async function build(bindings: WorkerBindings): Promise<{ isolate: Isolate; app: App }> {
  if (built?.bindings === bindings) return built;
  const e = parseWorkerEnv(bindings);
  // Before `built` is set: a weak ADMIN_PASSWORD refuses every request, as Node refuses to start.
  if (e.ADMIN_PASSWORD) await checkAdminPassword(e.ADMIN_EMAIL, e.ADMIN_PASSWORD);
  // Behind Cloudflare the visitor's address arrives in cf-connecting-ip.
  const config = configFromEnv(e, { clientIpHeader: 'cf-connecting-ip' });
  const isolate: Isolate = {
    e,
    shared: {
      keys: await createKeys(e.LINKKI_KEYS),
      config,
      // Workers have no SMTP and no development outbox: Brevo's HTTP API, or held (README, "Mail").
      mailer: createMailer(mailFromEnv(e), config),
      sms: createSms(smsFromEnv(e), config),
      cache: edgeCache(),
      counters: counterBuffer(config.counterFlushSeconds),
    },
  };
  const app = createApp({ config, perRequest: every(requestDeps(isolate), bootstrap(isolate)) });
  built = { bindings, isolate, app };
  return built;
}

/**
 * A libSQL client per request (and per cron event), closed after it: workerd forbids one
 * request's I/O from finishing another's, and a shared client queues calls across requests (its
 * default concurrency is 20), which workerd then cancels as hung.
 */
async function openDeps(i: Isolate): Promise<Deps> {
  const client = createClient({ url: i.e.DATABASE_URL, authToken: i.e.DATABASE_AUTH_TOKEN });
  const deps: Deps = { ...i.shared, client, db: createDatabase(client), clock: await clockFor(i.e) };
  deps.ready = () => isReady(deps, { admin: Boolean(i.e.ADMIN_EMAIL && i.e.ADMIN_PASSWORD) });
  return deps;
}

function requestDeps(i: Isolate): MiddlewareHandler<AppEnv> {
  return async function requestDeps(c, next) {
    const deps = await openDeps(i);
    c.set('deps', deps);
    try {
      await next();
    } finally {
      deps.client.close();
      // Mail written by this request goes out now, after the answer, not at the next cron run.
      const wrote = c.req.method !== 'GET' && c.req.method !== 'HEAD';
      if (wrote && (deps.mailer.kind !== 'held' || deps.sms.kind !== 'held') && i.e.MAIL_DRAIN_AFTER_WRITE === 'true') {
        c.executionCtx.waitUntil(drainAfterWrite(i));
      }
    }
  };
}

/** The first admin from ADMIN_EMAIL + ADMIN_PASSWORD, once per isolate, before the request it arrives with. */
function bootstrap(i: Isolate): MiddlewareHandler<AppEnv> {
  return async function bootstrap(c, next) {
    await createFirstAdmin(i, c.var.deps);
    await next();
  };
}

async function createFirstAdmin(i: Isolate, deps: Deps): Promise<void> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = i.e;
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD || i.admin) return;
  // A failure (say, migrations not applied yet) is retried by the next request instead of
  // being cached for the isolate's life; /healthz answers 503 meanwhile.
  i.admin = ensureAdmin(deps, ADMIN_EMAIL, ADMIN_PASSWORD).catch((err: Error) => {
    i.admin = undefined;
    console.error(`first admin not created yet: ${err.message}`);
  });
  await i.admin;
}

export default {
  async fetch(request: Request, bindings: WorkerBindings, ctx: ExecutionContext) {
    return (await build(bindings)).app.fetch(request, bindings, ctx);
  },
  async scheduled(controller: ScheduledController, bindings: WorkerBindings, ctx: ExecutionContext) {
    const i = (await build(bindings)).isolate;
    const deps = await openDeps(i);
    const run = createFirstAdmin(i, deps)
      // This isolate's page-view ticks first: the cron event is the one call an idle isolate gets.
      .then(() => deps.counters.flush(deps))
      .then(() => runJobs(deps, new Date(controller.scheduledTime), 'worker', mail.drain.workerCron))
      .then(
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

async function drainAfterWrite(i: Isolate): Promise<void> {
  const deps = await openDeps(i);
  try {
    await drainOutbox(deps, deps.clock.now(), mail.drain.workerAfterWrite);
  } catch (err) {
    console.error(`mail drain failed: ${(err as Error).message}`);
  } finally {
    deps.client.close();
  }
}

/**
 * The real clock, or in a test the test's: workerd cannot be moved with faketime, so the test
 * harness binds a service that answers its clock; it is asked once per request, then runs at real speed.
 */
async function clockFor(e: WorkerEnv): Promise<Clock> {
  if (!e.LINKKI_TEST_CLOCK) return systemClock;
  const at = Number(await (await e.LINKKI_TEST_CLOCK.fetch('http://clock/')).text());
  const asked = Date.now();
  return { now: () => new Date(at + (Date.now() - asked)) };
}
