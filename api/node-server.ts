// Node wiring shared by `npm start` and the test harness: open the libSQL file, migrate,
// build the app, add static files (widget bundle, page CSS), listen.
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Client } from '@libsql/client';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { memoryCache } from './adapters/cache.ts';
import { memoryHitCounts } from './adapters/hit-counts.ts';
import { systemClock, type Clock } from './adapters/clock.ts';
import { createKeys, type KeyMaterial } from './adapters/keys.ts';
import { createMailer, type MailSettings } from './adapters/mailer-choice.ts';
import type { Mailer } from './adapters/mailer.ts';
import { createSms, type SmsSettings } from './adapters/sms-choice.ts';
import type { Sms } from './adapters/sms.ts';
import { createSmtpMailer } from './adapters/mailer-smtp.ts';
import { createApp } from './app.ts';
import { assetHeaders } from './http/assets.ts';
import { compressAnswers, varyOnEncoding } from './node-compress.ts';
import { createDatabase } from './db/client.ts';
import { counterBuffer } from './domain/counter-buffer.ts';
import { migrate } from './db/migrate.ts';
import { readMigrations } from './db/migrations-node.ts';
import { ensureAdmin } from './domain/bootstrap.ts';
import { isReady } from './domain/readiness.ts';
import { openFileDatabase } from './db/open-file.ts';
import { openThreadDatabase } from './db/thread-client.ts';
import { runJobs } from './jobs/run-jobs.ts';
import { createMailPump } from './jobs/send-mail.ts';
import type { AppConfig, AppEnv, Deps } from './deps.ts';

const root = new URL('../', import.meta.url).pathname;

export type NodeServerOptions = {
  dbPath: string;
  /**
   * Where the statements run: `worker` (default), a thread that owns the file's connections, so
   * that a statement never holds up the event loop; `main`, the synchronous client on the loop.
   */
  dbThread?: 'worker' | 'main';
  keyMaterial: KeyMaterial;
  config: AppConfig;
  port: number;
  /** Bind address; default 127.0.0.1 (npm start passes HOST, api/environment-node.ts). */
  hostname?: string;
  /** ADMIN_EMAIL + ADMIN_PASSWORD: the first admin, created before the server listens. */
  admin?: { email: string; password: string };
  /** Start-up writes (demo seed, disabling demo accounts) that must be done before the first request and before the mail sender runs. */
  beforeListen?: (deps: Deps) => Promise<void>;
  clock?: Clock;
  /** Serve the demo partner page at / (local starts only). */
  demoPage?: boolean;
  /** Run the scheduled jobs in-process every this many ms (npm start); off in tests. */
  jobsEveryMs?: number;
  /** SMTP_URL, MAIL_API_KEY…; none = the development outbox (production: held). A test may pass its own mailer. */
  mail?: MailSettings | Mailer;
  /** SMS_API_*; none = the development outbox (production: held). A test may pass its own sender. */
  sms?: SmsSettings | Sms;
  /** Send mail soon after each write and every minute (npm start); off in tests, which drive the sender. */
  mailPump?: boolean;
};

export type NodeServer = { url: string; port: number; client: Client; deps: Deps; adminCreated: boolean; close(): Promise<void> };

export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const client = options.dbThread === 'main' ? await openFileDatabase(options.dbPath) : await openThreadDatabase(options.dbPath);
  try {
    return await serveOn(client, options);
  } catch (err) {
    // A start that fails (a migration, a weak ADMIN_PASSWORD) leaves no database thread behind
    // (the thread client's close() resolves once the thread has exited).
    await (client.close() as unknown);
    throw err;
  }
}

async function serveOn(client: Client, options: NodeServerOptions): Promise<NodeServer> {
  const migrations = readMigrations();
  await migrate(client, migrations);
  const clock = options.clock ?? systemClock;
  const deps: Deps = {
    client,
    db: createDatabase(client),
    clock,
    cache: memoryCache(clock),
    hitCounts: memoryHitCounts(),
    counters: counterBuffer(options.config.counterFlushSeconds),
    keys: await createKeys(options.keyMaterial),
    config: options.config,
    mailer:
      options.mail && 'send' in options.mail
        ? options.mail
        : createMailer(options.mail ?? {}, { ...options.config, smtp: createSmtpMailer, devOutbox: true }),
    sms: options.sms && 'send' in options.sms ? options.sms : createSms(options.sms ?? {}, { ...options.config, devOutbox: true }),
    peerAddress: (c) => getConnInfo(c).remote.address,
  };
  deps.ready = () => isReady(deps, { migrations: migrations.map((m) => m.name), admin: Boolean(options.admin) });
  // Nothing listens before the admin exists: an immediate sign-in as ADMIN_EMAIL works, and
  // /healthz never answers 200 early (it used to race ensureAdmin).
  const adminCreated = options.admin ? await ensureAdmin(deps, options.admin.email, options.admin.password) : false;
  await options.beforeListen?.(deps);
  const pump = options.mailPump ? createMailPump(deps) : undefined;

  const server = new Hono<AppEnv>();
  // Answers in brotli or gzip (the static files below arrive precompressed from the build).
  server.use(compressAnswers());
  // dist/: the headers of api/http/assets.ts (CORS for the widget, immutable hashed chunks, an
  // ETag to revalidate the stable URLs), and the build's .br/.gz twin when the browser takes it.
  server.use('/widget*', etag(), async (c, next) => {
    await next();
    varyOnEncoding(c.res.headers);
    for (const [name, value] of Object.entries(assetHeaders(c.req.path))) c.header(name, value);
  });
  server.use('/widget*', serveStatic({ root: `${root}dist`, precompressed: true }));
  server.get('/page.css', etag(), async (c, next) => {
    await next();
    varyOnEncoding(c.res.headers);
    for (const [name, value] of Object.entries(assetHeaders(c.req.path))) c.header(name, value);
  });
  server.get('/page.css', serveStatic({ path: `${root}dist/page.css`, precompressed: true }));
  if (options.demoPage) server.get('/', serveStatic({ path: `${root}dashboard/static/demo.html` }));
  if (pump) {
    server.use(async (c, next) => {
      await next();
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') pump.poke();
    });
  }
  server.route('/', createApp(deps));

  const hostname = options.hostname ?? '127.0.0.1';
  const listening = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: server.fetch, port: options.port, hostname }, () => resolve(s));
  });
  const timer = options.jobsEveryMs
    ? setInterval(() => {
        runJobs(deps, deps.clock.now())
          .then((report) => console.log(JSON.stringify({ job: 'scheduled', at: deps.clock.now().toISOString(), ...report })))
          .catch((err: Error) => console.error('scheduled jobs failed:', err.message));
      }, options.jobsEveryMs)
    : undefined;
  timer?.unref();
  // The widget's page-view ticks: written every COUNTER_FLUSH_SECONDS even when no tick comes to do it.
  const flushing =
    options.config.counterFlushSeconds > 0
      ? setInterval(() => {
          deps.counters.flush(deps).catch((err: Error) => console.error('counter flush failed:', err.message));
        }, options.config.counterFlushSeconds * 1000)
      : undefined;
  flushing?.unref();
  const address = listening.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    port,
    client,
    deps,
    adminCreated,
    async close() {
      clearInterval(timer);
      clearInterval(flushing);
      // The sender before the database: its sends in flight are recorded and the rows it claimed
      // but did not start go back to pending, instead of waiting to become `unknown`.
      await pump?.stop();
      void deps.mailer.close?.();
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      // The database thread's close resolves once it has answered what was sent and exited.
      await client.close();
    },
  };
}
