// Worker entry: the same app over @libsql/client/web (Hrana over HTTP to Turso or sqld),
// the same jobs behind the cron trigger. Static files (widget, page CSS) are Worker assets.
import type { ExecutionContext as HonoExecutionContext } from 'hono';
import { createClient } from '@libsql/client/web';
import { noBotCheck } from './adapters/bot-check.ts';
import { systemClock } from './adapters/clock.ts';
import { createKeys } from './adapters/keys.ts';
import { createApp, type App } from './app.ts';
import { createDatabase } from './db/client.ts';
import type { Deps } from './deps.ts';
import { runJobs } from './jobs/run-jobs.ts';
import { ensureAdmin } from './domain/bootstrap.ts';
import { configFromEnv, keysFromEnv, parseEnv } from './settings.ts';

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
  [name: string]: unknown;
};

// One set of deps per isolate; env is the same object for the isolate's life.
let built: { env: Env; deps: Deps; app: App } | undefined;

async function build(env: Env) {
  if (built?.env === env) return built;
  const e = parseEnv(env);
  if (!e.LINKKI_KEYS) throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS: set it with `wrangler secret put LINKKI_KEYS`');
  if (!/^(libsql|https?):/.test(e.DATABASE_URL)) throw new Error('BAD_ENVIRONMENT\n  DATABASE_URL: a libsql:// or https:// URL');
  const client = createClient({ url: e.DATABASE_URL, authToken: e.DATABASE_AUTH_TOKEN });
  const deps: Deps = {
    client,
    db: createDatabase(client),
    clock: systemClock,
    keys: await createKeys(keysFromEnv(e.LINKKI_KEYS)),
    botCheck: noBotCheck,
    // Behind Cloudflare the visitor's address arrives in cf-connecting-ip.
    config: configFromEnv(e, { clientIpHeader: 'cf-connecting-ip' }),
  };
  if (e.ADMIN_EMAIL && e.ADMIN_PASSWORD) await ensureAdmin(deps, e.ADMIN_EMAIL, e.ADMIN_PASSWORD);
  built = { env, deps, app: createApp(deps) };
  return built;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const { app } = await build(env);
    return app.fetch(request, env, ctx);
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const { deps } = await build(env);
    const run = runJobs(deps, new Date(controller.scheduledTime), 'worker').then(
      (report) => console.log(JSON.stringify({ job: 'scheduled', cron: controller.cron, ...report })),
      (err: Error) => {
        console.error(`scheduled jobs failed: ${err.stack ?? err.message}`);
        throw err;
      },
    );
    ctx.waitUntil(run);
    await run;
  },
};
