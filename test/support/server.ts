// A real Linkki server for a test, on the engine the vitest project names (LINKKI_ENGINE):
// - node:   the Node wiring (api/node-server.ts) over a fresh libSQL temp file;
// - worker: the Worker (api/worker.ts) in workerd via wrangler, talking Hrana over HTTP to the
//           libSQL stand-in (tools/libsql-server) over the same kind of temp file.
// Either way: real migrations, a free port, real HTTP. `db` and `deps` reach the same file
// directly, for assertions and for setting up partners.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { noCache } from '../../api/adapters/cache.ts';
import type { Clock } from '../../api/adapters/clock.ts';
import { createKeys, generateKeyMaterial } from '../../api/adapters/keys.ts';
import { createHeldMailer, type Mailer } from '../../api/adapters/mailer.ts';
import { createHttpMailer } from '../../api/adapters/mailer-http.ts';
import { createHeldSms } from '../../api/adapters/sms.ts';
import { createSms } from '../../api/adapters/sms-choice.ts';
import { createDatabase } from '../../api/db/client.ts';
import { counterBuffer } from '../../api/domain/counter-buffer.ts';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import { openFileDatabase } from '../../api/db/open-file.ts';
import { defaultConfig, type AppConfig, type Deps } from '../../api/deps.ts';
import { createPartner as createPartnerVerb } from '../../api/domain/partners.ts';
import { startNodeServer } from '../../api/node-server.ts';
import { suiteClock } from './clock.ts';

export const engine = process.env.LINKKI_ENGINE === 'worker' ? 'worker' : 'node';

export type TestServer = {
  engine: 'node' | 'worker';
  url: string;
  dbPath: string;
  db: Client;
  deps: Deps;
  /** The server's clock (the test's): compute what a test expects from it, never from Date.now(). */
  clock: Clock;
  createPartner(input?: {
    origins?: string[];
    name?: string;
    presets?: Record<string, string>;
  }): Promise<{ id: string; publicKey: string }>;
  /** Runs the scheduled jobs the way the engine does: Node calls them, the Worker gets a cron event. */
  runScheduled(at: Date): Promise<void>;
  /**
   * Worker engine only: the Hrana requests (each an HTTP round trip to the database) and SQL
   * statements the libSQL stand-in answered since the server started. Take the difference
   * around one API request to know what it costs on the edge.
   */
  edgeCounts?: () => { roundTrips: number; statements: number };
  close(): Promise<void>;
};

export type ServerOptions = {
  /** The server's clock, on both engines; default the suite's (test/support/clock.ts). */
  clock?: Clock;
  config?: Partial<Omit<AppConfig, 'rateLimits'>> & { rateLimits?: Partial<AppConfig['rateLimits']> };
  /**
   * Mail. Node: SMTP (smtpUrl), Brevo's API (apiUrl + apiKey) or a Mailer object; none = the
   * development outbox. Worker: apiUrl + apiKey become MAIL_API_URL and MAIL_API_KEY bindings.
   */
  mail?: { smtpUrl?: string; apiUrl?: string; apiKey?: string; afterWrite?: boolean } | Mailer;
  /** SMS through a 46elks-speaking server (test/support/sms-server.ts) on both engines; none = Node's development outbox, the Worker's held sender. */
  sms?: { apiUrl: string; username: string; password: string };
  /** ADMIN_EMAIL + ADMIN_PASSWORD as the engine gets them: Node creates the admin before it listens, the Worker on its first request. */
  admin?: { email: string; password: string };
  /** Node engine only: where the file's statements run (api/node-server.ts); default the server's own, its thread. */
  dbThread?: 'worker' | 'main';
  /** Worker engine only: leave the database unmigrated (readiness tests migrate it later). */
  migrate?: boolean;
};

const generous = {
  intake: { limit: 1000, windowSeconds: 60 },
  serverIntake: { limit: 1000, windowSeconds: 60 },
  lookup: { limit: 1000, windowSeconds: 60 },
  login: { limit: 1000, windowSeconds: 60 },
};

export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'linkki-test-'));
  const dbPath = join(dir, 'linkki.db');
  // Each page-view tick written at once unless a test asks for the buffer (test/api/counters.test.ts).
  const config = defaultConfig({
    counterFlushSeconds: 0,
    // A proof of work in a few hashes: tests of the proof itself set their own.
    powDifficulty: 50,
    ...opts.config,
    rateLimits: { ...generous, ...opts.config?.rateLimits },
  });
  const clock = opts.clock ?? suiteClock;
  const withClock = { ...opts, clock };
  const started = engine === 'worker' ? await startWorker(dbPath, config, withClock) : await startNode(dbPath, config, withClock);
  const { deps } = started;
  return {
    engine,
    dbPath,
    clock,
    db: deps.client,
    ...started,
    createPartner: (input = {}) =>
      createPartnerVerb(deps, {
        name: input.name ?? 'Test partner',
        kind: 'hardware_store',
        allowedOrigins: input.origins ?? [],
        presets: input.presets,
      }),
    async close() {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startNode(dbPath: string, config: AppConfig, opts: ServerOptions) {
  const server = await startNodeServer({
    dbPath,
    dbThread: opts.dbThread,
    keyMaterial: generateKeyMaterial(),
    config,
    port: 0,
    hostname: '127.0.0.1',
    clock: opts.clock,
    admin: opts.admin,
    mail:
      opts.mail && 'send' in opts.mail ? opts.mail : { smtpUrl: opts.mail?.smtpUrl, apiKey: opts.mail?.apiKey, apiUrl: opts.mail?.apiUrl },
    mailPump: Boolean(opts.mail && !('send' in opts.mail) && opts.mail.afterWrite),
    sms: opts.sms,
  });
  if (!opts.config?.publicUrl) server.deps.config.publicUrl = server.url;
  const { runJobs } = await import('../../api/jobs/run-jobs.ts');
  return {
    url: server.url,
    deps: server.deps,
    runScheduled: async (at: Date) => {
      await runJobs(server.deps, at);
    },
    close: server.close,
  };
}

async function startWorker(dbPath: string, config: AppConfig, opts: ServerOptions) {
  const clock = opts.clock!;
  const client = await openFileDatabase(dbPath);
  if (opts.migrate !== false) await migrate(client, readMigrations());
  const { startLibsqlServer } = await import('../../tools/libsql-server/server.ts');
  const libsql = await startLibsqlServer({ dbPath, port: 0, hostname: '127.0.0.1' });
  const keyMaterial = generateKeyMaterial();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const publicUrl = opts.config?.publicUrl ?? url;
  const deps: Deps = {
    client,
    db: createDatabase(client),
    clock,
    // The test's own door to the database; the Worker's cache is the Cache API inside workerd.
    cache: noCache,
    counters: counterBuffer(0),
    keys: await createKeys(keyMaterial),
    config: { ...config, publicUrl },
    mailer:
      opts.mail && !('send' in opts.mail) && opts.mail.apiKey
        ? createHttpMailer({ apiKey: opts.mail.apiKey, baseUrl: opts.mail.apiUrl }, 'Linkki <no-reply@localhost>')
        : createHeldMailer('Linkki <no-reply@localhost>'),
    sms: opts.sms ? createSms(opts.sms, { production: false }) : createHeldSms('Linkki'),
  };
  const { Miniflare } = await import('miniflare');
  const { bundleDir } = await import('./worker-bundle.ts');
  const worker = new Miniflare({
    modules: true,
    scriptPath: `${bundleDir}/worker.js`,
    modulesRoot: bundleDir,
    // As `wrangler deploy` uploads them: the common-password list is a Text module beside worker.js.
    modulesRules: [{ type: 'Text', include: ['**/*.txt'] }],
    compatibilityDate: wranglerCompatibilityDate(),
    host: '127.0.0.1',
    port,
    cf: false,
    assets: { directory: 'dist', routerConfig: { has_user_worker: true } },
    // The test's clock, asked once per request and cron event (api/worker.ts, clockFor).
    serviceBindings: { LINKKI_TEST_CLOCK: () => new Response(String(clock.now().getTime())) },
    bindings: {
      DATABASE_URL: libsql.url,
      LINKKI_KEYS: JSON.stringify(keyMaterial),
      PUBLIC_URL: publicUrl,
      CLIENT_IP_HEADER: config.clientIpHeader ?? 'cf-connecting-ip',
      TRUSTED_PROXY_HOPS: String(config.trustedProxyHops),
      RATE_LIMIT_INTAKE: String(config.rateLimits.intake.limit),
      RATE_LIMIT_INTAKE_WINDOW: String(config.rateLimits.intake.windowSeconds),
      RATE_LIMIT_SERVER_INTAKE: String(config.rateLimits.serverIntake.limit),
      RATE_LIMIT_SERVER_INTAKE_WINDOW: String(config.rateLimits.serverIntake.windowSeconds),
      RATE_LIMIT_LOOKUP: String(config.rateLimits.lookup.limit),
      RATE_LIMIT_LOOKUP_WINDOW: String(config.rateLimits.lookup.windowSeconds),
      RATE_LIMIT_LOGIN: String(config.rateLimits.login.limit),
      RATE_LIMIT_LOGIN_WINDOW: String(config.rateLimits.login.windowSeconds),
      MAIL_CAP_PARTNER_HOURLY: String(config.mailCaps.confirmationsPerPartnerPerHour),
      COUNTER_FLUSH_SECONDS: String(config.counterFlushSeconds),
      POW_DIFFICULTY: String(config.powDifficulty),
      REQUIRE_CONFIRMED_CONTACT: String(config.requireConfirmedContact),
      ...(opts.sms ? { SMS_API_URL: opts.sms.apiUrl, SMS_API_USERNAME: opts.sms.username, SMS_API_PASSWORD: opts.sms.password } : {}),
      ...(opts.mail && !('send' in opts.mail) && opts.mail.apiKey
        ? { MAIL_API_KEY: opts.mail.apiKey, MAIL_API_URL: opts.mail.apiUrl ?? '' }
        : {}),
      // Tests drive the sender through the cron event unless they ask for the after-write drain.
      MAIL_DRAIN_AFTER_WRITE: opts.mail && !('send' in opts.mail) && opts.mail.afterWrite ? 'true' : 'false',
      ...(opts.admin ? { ADMIN_EMAIL: opts.admin.email, ADMIN_PASSWORD: opts.admin.password } : {}),
    },
  });
  await worker.ready;
  return {
    url,
    deps,
    edgeCounts: () => {
      const { roundTrips, statements } = libsql.stats();
      return { roundTrips, statements };
    },
    async runScheduled(at: Date) {
      // The cron trigger's event, delivered by workerd to the Worker's scheduled handler.
      // (Miniflare's Fetcher type is mangled by its DOM/workers type replacement; its runtime has scheduled().)
      const fetcher = (await worker.getWorker()) as unknown as {
        scheduled(o: { scheduledTime: Date; cron: string }): Promise<{ outcome: string }>;
      };
      const result = await fetcher.scheduled({ scheduledTime: at, cron: '*/15 * * * *' });
      if (result.outcome !== 'ok') throw new Error(`scheduled event failed: ${result.outcome}`);
    },
    async close() {
      await worker.dispose();
      await libsql.close();
      client.close();
    },
  };
}

function wranglerCompatibilityDate(): string {
  const toml = readFileSync('wrangler.toml', 'utf8');
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
